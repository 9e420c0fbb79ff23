;; A component that imports outgoing HTTP: must be refused at load.
(component
  (import "wasi:http/outgoing-handler@0.2.3" (instance))
)
