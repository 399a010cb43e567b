// The generated traits implemented by `FsImpl`, for the wasmtime bindings
// (`crate::bindings`) and the wasmi ones (`crate::wasmi::bindings`): one
// source, included by a `wrapper` module next to each, whose `use`s name
// that target's traits.

impl<T: FsView + ?Sized> HostFile for FsImpl<'_, T> {
    fn new(&mut self, path: String) -> hostgen::Result<Resource<FileData>> {
        crate::create(self.0, path)
    }
    fn write(&mut self, self_: Resource<FileData>, data: Vec<u8>) -> Result<u64, FsError> {
        crate::write(self.0, self_, data)
    }
    fn read(&mut self, self_: Resource<FileData>) -> Result<Vec<u8>, FsError> {
        crate::read(self.0, self_)
    }
    fn path(&mut self, self_: Resource<FileData>) -> hostgen::Result<String> {
        crate::path(self.0, self_)
    }
    fn close(&mut self, self_: Resource<FileData>) -> hostgen::Result<()> {
        crate::close(self.0, self_)
    }
    fn drop(&mut self, rep: Resource<FileData>) -> hostgen::Result<()> {
        crate::drop_file(self.0, rep)
    }
}

impl<T: FsView + ?Sized> Host for FsImpl<'_, T> {
    fn open(&mut self, path: String) -> Result<Resource<FileData>, FsError> {
        crate::open(self.0, path)
    }
    fn convert_error_code(&mut self, err: FsError) -> hostgen::Result<ErrorCode> {
        ErrorCode::try_from(err)
    }
}
