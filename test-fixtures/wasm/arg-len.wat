  ;; length of the first string argument (it ends at the next `"`)
  (func $arg_len (result i32) (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.eq (i32.load8_u (i32.add (call $arg_ptr) (local.get $i))) (i32.const 34)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $i))
