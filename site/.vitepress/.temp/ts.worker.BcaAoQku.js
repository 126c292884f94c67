function WorkerWrapper(options) {
  return new Worker(
    "/assets/ts.worker-3GCzAdS0.js",
    {
      type: "module",
      name: options == null ? void 0 : options.name
    }
  );
}
export {
  WorkerWrapper as default
};
