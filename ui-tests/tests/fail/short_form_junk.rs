hostgen::bindgen!("w" on "wit");

fn main() {}
