pub fn lib() {}
