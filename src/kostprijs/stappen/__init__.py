"""The pipeline's steps: one module per step, each with one `draai()`; declared in `stappenregister`."""
