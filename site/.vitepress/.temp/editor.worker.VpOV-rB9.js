function WorkerWrapper(options) {
  return new Worker(
    "/assets/editor.worker-BQY1hrhb.js",
    {
      type: "module",
      name: options == null ? void 0 : options.name
    }
  );
}
export {
  WorkerWrapper as default
};
