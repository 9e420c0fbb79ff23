;; A component that imports a socket interface: must be refused at load, before instantiation.
(component
  (import "wasi:sockets/tcp-create-socket@0.2.3" (instance))
)
