// The generated traits implemented by `KvImpl`, for the wasmtime bindings
// (`crate::bindings`) and the wasmi ones (`crate::wasmi::bindings`): one
// source, included by a `wrapper` module next to each, whose `use`s name
// that target's traits.

impl<T: KvView + ?Sized> HostBucket for KvImpl<'_, T> {
    fn new(&mut self, name: String) -> hostgen::Result<Resource<BucketData>> {
        crate::open(self.0, name)
    }
    fn put(
        &mut self,
        self_: Resource<BucketData>,
        key: String,
        value: Vec<u8>,
    ) -> hostgen::Result<()> {
        crate::put(self.0, self_, key, value)
    }
    fn get(
        &mut self,
        self_: Resource<BucketData>,
        key: String,
    ) -> hostgen::Result<Option<Vec<u8>>> {
        crate::get(self.0, self_, key)
    }
    fn put_file(
        &mut self,
        self_: Resource<BucketData>,
        key: String,
        source: Resource<FileData>,
    ) -> hostgen::Result<Result<u64, ErrorCode>> {
        // `ErrorCode` is `compose-fs`'s type (reused through `with:`).
        crate::put_file(self.0, self_, key, source)
    }
    fn export_to(
        &mut self,
        self_: Resource<BucketData>,
        key: String,
    ) -> hostgen::Result<Option<Resource<FileData>>> {
        crate::export_to(self.0, self_, key)
    }
    fn drop(&mut self, rep: Resource<BucketData>) -> hostgen::Result<()> {
        crate::drop_bucket(self.0, rep)
    }
}

impl<T: KvView + ?Sized> Host for KvImpl<'_, T> {
    fn buckets(&mut self) -> hostgen::Result<Vec<String>> {
        crate::buckets(self.0)
    }
}
