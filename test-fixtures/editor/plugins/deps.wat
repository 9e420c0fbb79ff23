;; Editor-test fixture plugin (core ABI v1, wasm-plugins.md §2.2). It imports wasi path_open, i.e. it needs
;; filesystem access, which hielements.toml does not grant: the server reports the missing capability on
;; the `deps` entry and offers the quick-fix `Grant capabilities.fs = "read" to deps`.
;; Build: node scripts/e2e/build-fixture-plugin.js
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "{\"passed\":true}")
  (data (i32.const 64) "{\"error\":\"deps has no functions\"}")
  (data (i32.const 128) "deps")
  (data (i32.const 192) "{\"name\":\"deps\",\"description\":\"Editor-test fixture plugin\",\"functions\":[],\"checks\":[]}")
  ;; one request buffer at a time, at 1024; grow memory when a request does not fit
  (func (export "alloc") (param $len i32) (result i32)
    (local $needed i32)
    (local.set $needed (i32.add (i32.const 1024) (local.get $len)))
    (if (i32.gt_u (local.get $needed) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow
        (i32.sub (i32.div_u (i32.add (local.get $needed) (i32.const 65535)) (i32.const 65536)) (memory.size))))))
    (i32.const 1024))
  (func (export "library_check") (param i32 i32) (result i32 i32) (i32.const 0) (i32.const 15))
  (func (export "library_call") (param i32 i32) (result i32 i32) (i32.const 64) (i32.const 33))
  (func (export "library_name") (result i32 i32) (i32.const 128) (i32.const 4))
  (func (export "library_doc") (result i32 i32) (i32.const 192) (i32.const 85)))
