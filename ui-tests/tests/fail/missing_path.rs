hostgen::bindgen!("w" in "no/such/dir");

fn main() {}
