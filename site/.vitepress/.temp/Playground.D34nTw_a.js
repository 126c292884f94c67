var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
import { defineComponent, reactive, shallowRef, ref, computed, onMounted, watch, onBeforeUnmount, mergeProps, unref, useSSRContext } from "vue";
import { ssrRenderAttrs, ssrInterpolate, ssrRenderAttr, ssrIncludeBooleanAttr, ssrRenderClass, ssrRenderList } from "vue/server-renderer";
import { u as useData, l as loaders, E as EditStore, r as recordGrade } from "./app.js";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
import "@vueuse/core";
class GradeFormatError extends Error {
  constructor() {
    super(...arguments);
    __publicField(this, "name", "GradeFormatError");
  }
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function field(object, key, check, where) {
  const value = object[key];
  if (!check(value))
    throw new GradeFormatError(`grade report: ${where}.${key} is missing or has the wrong type`);
  return value;
}
const isString = (v) => typeof v === "string";
const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
const isBoolean = (v) => typeof v === "boolean";
const isArray = (v) => Array.isArray(v);
const isStringOrNull = (v) => v === null || typeof v === "string";
function parseGradeSummary(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new GradeFormatError("grade report is not valid JSON (the grader may have been stopped)");
  }
  if (!isObject(data)) throw new GradeFormatError("grade report is not a JSON object");
  const exercises = field(data, "exercises", isArray, "report").map((raw, i) => {
    const where = `exercises[${i}]`;
    if (!isObject(raw)) throw new GradeFormatError(`grade report: ${where} is not an object`);
    const tests = (isArray(raw.tests) ? raw.tests : []).map((t, j) => {
      if (!isObject(t)) throw new GradeFormatError(`grade report: ${where}.tests[${j}] is not an object`);
      return {
        name: field(t, "name", isString, `${where}.tests[${j}]`),
        passed: field(t, "passed", isBoolean, `${where}.tests[${j}]`),
        failure: isStringOrNull(t.failure) ? t.failure : null
      };
    });
    return {
      id: field(raw, "id", isString, where),
      title: isString(raw.title) ? raw.title : field(raw, "id", isString, where),
      passed: field(raw, "passed", isBoolean, where),
      firstFailure: isStringOrNull(raw.firstFailure) ? raw.firstFailure : null,
      tests
    };
  });
  const passed = exercises.filter((e) => e.passed).length;
  return {
    lesson: field(data, "lesson", isString, "report"),
    passed: isNumber(data.passed) ? data.passed : passed,
    total: isNumber(data.total) ? data.total : exercises.length,
    score: isNumber(data.score) ? data.score : exercises.length ? Math.round(100 * passed / exercises.length) : 0,
    exercises
  };
}
const RUNNER_PATH = "/__steady/runner";
const RUNNER_PROTOCOL = "steady-runner";
const TOKEN_PREFIX = "token.";
const RUNNER_META = "steady-runner-token";
const GRADE_FILE = ".steady/grade.json";
function splitArgs(text) {
  return text.split(/\s+/).filter(Boolean);
}
const TOOL_VERSIONS = { tsx: "4.23.15", vite: "7.3.8", vitest: "4.1.12" };
function lessonFiles(bundle, edits) {
  const out = {};
  for (const file of bundle.files) {
    const edit = edits[file.path];
    out[file.path] = file.editable && typeof edit === "string" ? edit : file.content;
  }
  return out;
}
function projectFiles(bundle, edits, support) {
  const lessonDir = `lessons/${bundle.lesson.id}`;
  const out = { ...support };
  for (const [path, content] of Object.entries(lessonFiles(bundle, edits)))
    out[`${lessonDir}/${path}`] = content;
  out["package.json"] = `${JSON.stringify(
    {
      name: "steady-course-sandbox",
      private: true,
      type: "module",
      workspaces: ["runtime", "tools/grader", lessonDir],
      devDependencies: { ...TOOL_VERSIONS }
    },
    null,
    2
  )}
`;
  return out;
}
function buildFileTree(files) {
  const root = {};
  for (const [path, contents] of Object.entries(files)) {
    const segments = path.split("/");
    if (segments.some((s) => s === "" || s === "." || s === ".."))
      throw new Error(`bad path in project: ${path}`);
    let dir = root;
    for (const segment of segments.slice(0, -1)) {
      const node = dir[segment];
      if (node && "file" in node) throw new Error(`${path}: ${segment} is both a file and a folder`);
      if (!node) dir[segment] = { directory: {} };
      dir = dir[segment].directory;
    }
    const name = segments[segments.length - 1];
    if (dir[name] && "directory" in dir[name])
      throw new Error(`${path} is both a file and a folder`);
    dir[name] = { file: { contents } };
  }
  return root;
}
function changedEdits(bundle, edits) {
  const out = {};
  for (const file of bundle.files) {
    const edit = edits[file.path];
    if (file.editable && typeof edit === "string" && edit !== file.content) out[file.path] = edit;
  }
  return out;
}
class EngineUnavailableError extends Error {
  constructor(message, advice) {
    super(message);
    __publicField(this, "name", "EngineUnavailableError");
    this.advice = advice;
  }
}
function nativeToken(doc = globalThis.document) {
  var _a;
  return ((_a = doc == null ? void 0 : doc.querySelector(`meta[name="${RUNNER_META}"]`)) == null ? void 0 : _a.content) || void 0;
}
class NativeEngine {
  constructor(token, url, createSocket = (u, p) => new WebSocket(u, p)) {
    __publicField(this, "kind", "native");
    __publicField(this, "socket");
    __publicField(this, "booting");
    __publicField(this, "nextId", 1);
    __publicField(this, "pending", /* @__PURE__ */ new Map());
    __publicField(this, "current");
    this.token = token;
    this.url = url;
    this.createSocket = createSocket;
  }
  static fromPage() {
    const token = nativeToken();
    if (!token) return void 0;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    return new NativeEngine(token, `${scheme}://${location.host}${RUNNER_PATH}`);
  }
  boot(onStatus) {
    this.booting ?? (this.booting = new Promise((resolve, reject) => {
      onStatus({ phase: "booting", message: "Connecting to the local runner…" });
      const socket = this.createSocket(this.url, [RUNNER_PROTOCOL, `${TOKEN_PREFIX}${this.token}`]);
      this.socket = socket;
      let opened = false;
      socket.addEventListener("open", () => {
        opened = true;
        onStatus({ phase: "ready", message: "Native mode: lessons run on this machine." });
        resolve();
      });
      socket.addEventListener("message", (event) => this.receive(String(event.data)));
      socket.addEventListener("close", () => {
        this.booting = void 0;
        this.socket = void 0;
        const error = new Error("the local runner closed the connection (was `npm start` stopped?)");
        for (const run of this.pending.values()) run.rejectExit(error);
        this.pending.clear();
        if (!opened)
          reject(
            new EngineUnavailableError(
              "Could not connect to the local runner.",
              "Restart `npm start` at the repository root and reload this page."
            )
          );
        else onStatus({ phase: "error", message: error.message });
      });
    }));
    return this.booting;
  }
  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === "hello" || message.type === "started") return;
    const run = message.id === null ? void 0 : this.pending.get(message.id);
    if (message.type === "error" && !run) {
      const current = this.current === void 0 ? void 0 : this.pending.get(this.current);
      current == null ? void 0 : current.onOutput(`\r
\x1B[31m${message.message}\x1B[0m\r
`);
      return;
    }
    if (!run) return;
    switch (message.type) {
      case "output":
        run.onOutput(message.data);
        break;
      case "grade":
        run.grade = message.report;
        break;
      case "error":
        run.error = message.message;
        run.onOutput(`\r
\x1B[31m${message.message}\x1B[0m\r
`);
        break;
      case "exit":
        this.pending.delete(message.id);
        if (this.current === message.id) this.current = void 0;
        run.resolveExit(message.code);
        break;
    }
  }
  launch(command, request) {
    const socket = this.socket;
    if ((socket == null ? void 0 : socket.readyState) !== 1) throw new Error("not connected to the local runner");
    const id = this.nextId++;
    let run;
    const exit = new Promise((resolveExit, rejectExit) => {
      run = { onOutput: request.onOutput, resolveExit, rejectExit };
    });
    this.pending.set(id, run);
    this.current = id;
    const message = {
      type: "run",
      id,
      lesson: request.bundle.lesson.id,
      command,
      args: request.args ?? [],
      files: changedEdits(request.bundle, request.edits)
    };
    socket.send(JSON.stringify(message));
    return { id, exit, run };
  }
  async start(request) {
    return { exit: this.launch("start", request).exit };
  }
  async test(request) {
    const { exit, run } = this.launch("test", request);
    await exit;
    if (run.grade === void 0)
      throw new Error(run.error ?? "the tests stopped before the grader wrote its report");
    return parseGradeSummary(run.grade);
  }
  async stop() {
    const id = this.current;
    if (id === void 0 || !this.socket) return;
    const run = this.pending.get(id);
    const message = { type: "stop", id };
    this.socket.send(JSON.stringify(message));
    if (run) {
      await new Promise((resolve) => {
        const previous = run.resolveExit;
        run.resolveExit = (code) => {
          previous(code);
          resolve();
        };
      });
    }
  }
  dispose() {
    var _a;
    (_a = this.socket) == null ? void 0 : _a.close();
    this.socket = void 0;
  }
}
const BOOT_TIMEOUT_MS = 3e4;
const NATIVE_ADVICE = "Use native mode instead: clone the repository, run `npm install && npm start` at its root, and open the address it prints.";
async function defaultBoot() {
  const { WebContainer } = await import("@webcontainer/api");
  return await WebContainer.boot({ coep: "require-corp", workdirName: "steady" });
}
function withTimeout(promise, ms, message) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      }
    );
  });
}
class WebContainerEngine {
  constructor(support, bootContainer = defaultBoot, isolated = () => globalThis.crossOriginIsolated === true) {
    __publicField(this, "kind", "webcontainer");
    __publicField(this, "container");
    __publicField(this, "booting");
    __publicField(this, "installed");
    __publicField(this, "current");
    __publicField(this, "serverListeners", []);
    __publicField(this, "onStatus", () => {
    });
    this.support = support;
    this.bootContainer = bootContainer;
    this.isolated = isolated;
  }
  boot(onStatus) {
    this.onStatus = onStatus;
    this.booting ?? (this.booting = (async () => {
      if (!this.isolated())
        throw new EngineUnavailableError(
          "This page is not cross-origin isolated, so WebContainers cannot run here (they need SharedArrayBuffer).",
          NATIVE_ADVICE
        );
      onStatus({ phase: "booting", message: "Booting WebContainer (Node.js in this tab)…", progress: 0.1 });
      try {
        this.container = await withTimeout(
          this.bootContainer(),
          BOOT_TIMEOUT_MS,
          `no answer after ${BOOT_TIMEOUT_MS / 1e3} s`
        );
      } catch (error) {
        this.booting = void 0;
        const why = error instanceof Error ? error.message : String(error);
        throw new EngineUnavailableError(
          `WebContainers could not start (${why}). They load their runtime from StackBlitz's servers, so they need an internet connection and a supported browser.`,
          NATIVE_ADVICE
        );
      }
      this.container.on("server-ready", (port, url) => {
        for (const listener of this.serverListeners) listener(port, url);
      });
      onStatus({ phase: "ready", message: "WebContainer ready.", progress: 0.3 });
    })());
    return this.booting;
  }
  need() {
    if (!this.container) throw new Error("WebContainer not booted");
    return this.container;
  }
  /** First time: mount everything and install; later: write the lesson's editable files. */
  async prepare(request) {
    const container = this.need();
    const lessonDir = `lessons/${request.bundle.lesson.id}`;
    if (!this.installed) {
      this.installed = (async () => {
        this.onStatus({ phase: "installing", message: "Mounting the lesson…", progress: 0.4 });
        await container.mount(
          buildFileTree(projectFiles(request.bundle, request.edits, await this.support()))
        );
        this.onStatus({
          phase: "installing",
          message: "Installing dependencies (once per page)…",
          progress: 0.5
        });
        const install = await container.spawn("npm", [
          "install",
          "--no-audit",
          "--no-fund",
          "--loglevel=error"
        ]);
        void pipe(install.output, request.onOutput);
        const code = await install.exit;
        if (code !== 0) throw new Error(`npm install failed with exit code ${code}`);
      })();
      this.installed.catch(() => {
        this.installed = void 0;
      });
    } else {
      await this.installed;
      const files = lessonFiles(request.bundle, request.edits);
      for (const file of request.bundle.files.filter((f) => f.editable)) {
        await container.fs.writeFile(`${lessonDir}/${file.path}`, files[file.path] ?? file.content);
      }
    }
    await this.installed;
    return lessonDir;
  }
  async start(request) {
    await this.stop();
    const cwd = await this.prepare(request);
    this.onStatus({ phase: "starting", message: "Starting the lesson…", progress: 0.9 });
    const process = await this.need().spawn("npm", ["run", "start", "--silent", "--", ...request.args], {
      cwd
    });
    this.current = process;
    void pipe(process.output, request.onOutput);
    const exit = process.exit.then((code) => {
      if (this.current === process) this.current = void 0;
      return code;
    });
    return { exit };
  }
  async test(request) {
    await this.stop();
    const cwd = await this.prepare(request);
    const container = this.need();
    await container.fs.rm(`${cwd}/${GRADE_FILE}`, { force: true });
    const process = await container.spawn("npm", ["run", "test", "--silent", "--", "--json", GRADE_FILE], {
      cwd
    });
    this.current = process;
    void pipe(process.output, request.onOutput);
    await process.exit;
    if (this.current === process) this.current = void 0;
    let text;
    try {
      text = await container.fs.readFile(`${cwd}/${GRADE_FILE}`, "utf-8");
    } catch {
      throw new Error("the grader wrote no report (see the terminal for why)");
    }
    return parseGradeSummary(text);
  }
  async stop() {
    const process = this.current;
    this.current = void 0;
    if (!process) return;
    process.kill();
    await withTimeout(process.exit, 5e3, "stop timed out").catch(() => void 0);
  }
  onServer(listener) {
    this.serverListeners.push(listener);
  }
  dispose() {
    var _a;
    (_a = this.container) == null ? void 0 : _a.teardown();
    this.container = void 0;
    this.booting = void 0;
    this.installed = void 0;
  }
}
async function pipe(stream, onOutput) {
  const reader = stream.getReader();
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) return;
    onOutput(value);
  }
}
let shared;
function selectEngine(lesson) {
  if (shared) {
    if (lesson.requiresNative && shared.kind !== "native") throw requiresNative(lesson);
    return shared;
  }
  const native = NativeEngine.fromPage();
  if (native) {
    shared = native;
    return native;
  }
  if (lesson.requiresNative) throw requiresNative(lesson);
  shared = new WebContainerEngine(async () => (await import("./support.CyLuAg8t.js")).default);
  return shared;
}
function requiresNative(lesson) {
  return new EngineUnavailableError(
    `Lesson ${lesson.number} needs native mode: it uses real UDP sockets, which a browser sandbox cannot open.`,
    NATIVE_ADVICE
  );
}
const KEY_MARKER = "//#!#//";
let loading;
const THEMES = { light: "github-light", dark: "github-dark" };
function loadMonaco() {
  loading ?? (loading = (async () => {
    const [monaco, { default: EditorWorker }, { default: TsWorker }] = await Promise.all([
      import("monaco-editor"),
      import("./editor.worker.VpOV-rB9.js"),
      import("./ts.worker.BcaAoQku.js")
    ]);
    globalThis.MonacoEnvironment = {
      getWorker: (_id, label) => label === "typescript" || label === "javascript" ? new TsWorker() : new EditorWorker()
    };
    await Promise.all([configureTypeScript(monaco), applyShikiThemes(monaco)]);
    return monaco;
  })());
  return loading;
}
async function configureTypeScript(monaco) {
  const ts = monaco.typescript;
  const defaults = ts.typescriptDefaults;
  defaults.setCompilerOptions({
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    allowImportingTsExtensions: true,
    strict: true,
    // Third-party callback types are not loaded into the editor; `tsc` at the root checks them.
    noImplicitAny: false,
    noEmit: true,
    allowNonTsExtensions: true,
    esModuleInterop: true,
    skipLibCheck: true,
    lib: ["es2023", "dom"]
  });
  defaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: [2307, 2792, 7016, 2580, 2591, 2709] });
  const { default: support } = await import("./support.CyLuAg8t.js");
  for (const [path, content] of Object.entries(support)) {
    if (!path.startsWith("runtime/src/") || !path.endsWith(".ts")) continue;
    defaults.addExtraLib(content, `file:///node_modules/@steady/runtime/${path.slice("runtime/".length)}`);
  }
  defaults.addExtraLib(
    "export * from './src/index.ts';\n",
    "file:///node_modules/@steady/runtime/index.d.ts"
  );
  defaults.addExtraLib(
    "export * from '../src/testing/index.ts';\n",
    "file:///node_modules/@steady/runtime/testing/index.d.ts"
  );
  defaults.addExtraLib(
    [
      // Shorthand ambient modules: any named import is allowed and typed `any`.
      "declare module 'node:*';",
      "declare module 'vitest';",
      "declare module 'commander';",
      "declare module 'pino';",
      "declare const process: any;"
    ].join("\n"),
    "file:///node_modules/@types/steady-shims/index.d.ts"
  );
}
async function applyShikiThemes(monaco) {
  const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, { shikiToMonaco }] = await Promise.all([
    import("shiki/core"),
    import("shiki/engine/javascript"),
    import("@shikijs/monaco")
  ]);
  const highlighter = await createHighlighterCore({
    themes: [import("shiki/themes/github-light.mjs"), import("shiki/themes/github-dark.mjs")],
    langs: [
      import("shiki/langs/typescript.mjs"),
      import("shiki/langs/json.mjs"),
      import("shiki/langs/markdown.mjs")
    ],
    engine: createJavaScriptRegexEngine()
  });
  for (const id of ["typescript", "json", "markdown"]) monaco.languages.register({ id });
  shikiToMonaco(highlighter, monaco);
}
function languageOf(path) {
  if (path.endsWith(".ts")) return "typescript";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "markdown";
  return "plaintext";
}
function keyLineDecorations(monaco, model) {
  const out = [];
  for (let line = 1; line <= model.getLineCount(); line++) {
    if (model.getLineContent(line).includes(KEY_MARKER))
      out.push({
        range: new monaco.Range(line, 1, line, 1),
        options: {
          isWholeLine: true,
          className: "steady-key-line",
          linesDecorationsClassName: "steady-key-gutter"
        }
      });
  }
  return out;
}
function initialState() {
  return { status: null, error: null, running: null, grade: null, telemetryUrl: null, lastExit: null };
}
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
const TELEMETRY = /telemetry:\s+(https?:\/\/[^\s]+)/;
function telemetryAddress(text) {
  var _a;
  return (_a = TELEMETRY.exec(text.replace(ANSI, ""))) == null ? void 0 : _a[1];
}
class PlaygroundSession {
  constructor(bundle, engine, state, hooks) {
    __publicField(this, "portUrls", /* @__PURE__ */ new Map());
    __publicField(this, "lineBuffer", "");
    __publicField(this, "setStatus", (status) => {
      this.state.status = status;
    });
    __publicField(this, "output", (data) => {
      this.hooks.write(data);
      this.lineBuffer += data;
      const lines = this.lineBuffer.split("\n");
      this.lineBuffer = lines.pop() ?? "";
      for (const line of lines) {
        const address = telemetryAddress(line);
        if (address) this.state.telemetryUrl = this.forwarded(address);
      }
    });
    var _a;
    this.bundle = bundle;
    this.engine = engine;
    this.state = state;
    this.hooks = hooks;
    (_a = engine.onServer) == null ? void 0 : _a.call(engine, (port, url) => {
      var _a2;
      this.portUrls.set(port, url);
      if (this.state.running === "start") (_a2 = this.state).telemetryUrl ?? (_a2.telemetryUrl = url);
    });
  }
  get engineKind() {
    return this.engine.kind;
  }
  fail(error) {
    if (error instanceof EngineUnavailableError)
      this.state.error = { message: error.message, advice: error.advice };
    else this.state.error = { message: error instanceof Error ? error.message : String(error), advice: null };
    this.state.status = { phase: "error", message: this.state.error.message };
  }
  /** In WebContainers a port has its own public URL; on this machine the address is used as printed. */
  forwarded(address) {
    var _a;
    const port = Number((_a = /:(\d+)/.exec(address.replace(/^https?:\/\//, ""))) == null ? void 0 : _a[1]);
    return this.portUrls.get(port) ?? address;
  }
  async boot() {
    try {
      await this.engine.boot(this.setStatus);
      this.state.error = null;
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }
  async run(argsText) {
    if (this.state.running) await this.stop();
    if (!await this.boot()) return void 0;
    this.state.running = "start";
    this.state.telemetryUrl = null;
    this.lineBuffer = "";
    const args = splitArgs(argsText);
    this.hooks.write(`\x1B[2m$ npm start${args.length ? ` -- ${args.join(" ")}` : ""}\x1B[0m\r
`);
    this.setStatus({ phase: "running", message: "Running…" });
    try {
      const handle = await this.engine.start({
        bundle: this.bundle,
        edits: this.hooks.edits(),
        args,
        onOutput: this.output
      });
      const code = await handle.exit;
      this.state.lastExit = code;
      this.setStatus({
        phase: "ready",
        message: code === 0 ? "Finished (exit code 0)." : code === null ? "Stopped." : `Exited with code ${code}.`
      });
      return code;
    } catch (error) {
      this.fail(error);
      return void 0;
    } finally {
      this.state.running = null;
    }
  }
  async test() {
    var _a, _b;
    if (this.state.running) await this.stop();
    if (!await this.boot()) return void 0;
    this.state.running = "test";
    this.hooks.write("\x1B[2m$ npm test\x1B[0m\r\n");
    this.setStatus({ phase: "testing", message: "Grading your exercises…" });
    try {
      const grade = await this.engine.test({
        bundle: this.bundle,
        edits: this.hooks.edits(),
        onOutput: this.output
      });
      this.state.grade = grade;
      (_b = (_a = this.hooks).graded) == null ? void 0 : _b.call(_a, grade);
      this.setStatus({
        phase: "ready",
        message: `Graded: ${grade.passed}/${grade.total} exercises pass (${grade.score}%).`
      });
      return grade;
    } catch (error) {
      this.fail(error);
      return void 0;
    } finally {
      this.state.running = null;
    }
  }
  async stop() {
    if (!this.state.running) return;
    this.setStatus({ phase: "stopping", message: "Stopping…" });
    await this.engine.stop();
  }
}
const LIGHT = {
  background: "#f6f8fa",
  foreground: "#24292e",
  cursor: "#f6f8fa",
  selectionBackground: "#c8e1ff"
};
const DARK = {
  background: "#161618",
  foreground: "#e1e4e8",
  cursor: "#161618",
  selectionBackground: "#3a4a5c"
};
async function createTerminal(host, dark) {
  const [{ Terminal }, { FitAddon }] = await Promise.all([
    import("@xterm/xterm"),
    import("@xterm/addon-fit"),
    Promise.resolve({          })
  ]);
  const terminal = new Terminal({
    convertEol: true,
    disableStdin: true,
    cursorBlink: false,
    fontSize: 13,
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    scrollback: 5e3,
    theme: dark ? DARK : LIGHT
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(host);
  const refit = () => {
    try {
      fit.fit();
    } catch {
    }
  };
  refit();
  const observer = new ResizeObserver(refit);
  observer.observe(host);
  return {
    terminal,
    write: (data) => terminal.write(data),
    clear: () => terminal.clear(),
    text: () => {
      const buffer = terminal.buffer.active;
      const lines = [];
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        const text = (line == null ? void 0 : line.translateToString(true)) ?? "";
        if ((line == null ? void 0 : line.isWrapped) && lines.length) lines[lines.length - 1] += text;
        else lines.push(text);
      }
      return lines.join("\n").trimEnd();
    },
    setDark: (d) => {
      terminal.options.theme = d ? DARK : LIGHT;
    },
    dispose: () => {
      observer.disconnect();
      terminal.dispose();
    }
  };
}
const _sfc_main = /* @__PURE__ */ defineComponent({
  __name: "Playground",
  __ssrInlineRender: true,
  props: {
    lesson: {}
  },
  setup(__props) {
    const props = __props;
    const { isDark } = useData();
    const state = reactive(initialState());
    const bundle = shallowRef(null);
    const currentPath = ref("");
    const args = ref("");
    const loadError = ref("");
    const editorReady = ref(false);
    const edited = ref([]);
    const engineKind = ref(null);
    const editorHost = ref();
    const terminalHost = ref();
    let monaco;
    let editor;
    let decorations;
    let terminal;
    let session;
    let store;
    const models = /* @__PURE__ */ new Map();
    const disposers = [];
    const visibleFiles = computed(
      () => {
        var _a;
        return (((_a = bundle.value) == null ? void 0 : _a.files) ?? []).filter(
          (f) => f.role === "source" || f.role === "exercise" || f.role === "test"
        );
      }
    );
    const groups = computed(() => {
      const out = /* @__PURE__ */ new Map();
      const sorted = [...visibleFiles.value].sort(
        (a, b) => Number(a.path.startsWith("exercises/")) - Number(b.path.startsWith("exercises/")) || a.path.localeCompare(b.path)
      );
      for (const file of sorted) {
        const folder = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : ".";
        out.set(folder, [...out.get(folder) ?? [], file]);
      }
      return [...out.entries()];
    });
    const currentFile = computed(() => {
      var _a;
      return (_a = bundle.value) == null ? void 0 : _a.files.find((f) => f.path === currentPath.value);
    });
    const canShowSolution = computed(() => {
      var _a;
      return ((_a = currentFile.value) == null ? void 0 : _a.role) === "exercise";
    });
    const busy = computed(() => state.running !== null);
    function currentEdits() {
      var _a;
      const out = {};
      for (const file of ((_a = bundle.value) == null ? void 0 : _a.files) ?? []) {
        const model = models.get(file.path);
        if (file.editable && model) out[file.path] = model.getValue();
      }
      return out;
    }
    function refreshEdited() {
      edited.value = Object.keys((store == null ? void 0 : store.all()) ?? {});
    }
    function modelFor(path, content) {
      let model = models.get(path);
      if (!model && monaco) {
        const uri = monaco.Uri.parse(`file:///lessons/${props.lesson}/${path}`);
        model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, languageOf(path), uri);
        model.setValue(content);
        models.set(path, model);
      }
      return model;
    }
    function open(path) {
      var _a;
      if (!editor || !monaco) {
        currentPath.value = path;
        return;
      }
      const file = (_a = bundle.value) == null ? void 0 : _a.files.find((f) => f.path === path);
      const model = models.get(path) ?? modelFor(path, (file == null ? void 0 : file.content) ?? "");
      currentPath.value = path;
      editor.setModel(model);
      editor.updateOptions({ readOnly: !(file == null ? void 0 : file.editable) });
      decorations == null ? void 0 : decorations.set(keyLineDecorations(monaco, model));
    }
    onMounted(async () => {
      var _a, _b;
      const loader = loaders[props.lesson];
      if (!loader) {
        loadError.value = `Unknown lesson ${props.lesson}.`;
        return;
      }
      try {
        bundle.value = (await loader()).default;
      } catch (error) {
        loadError.value = `Could not load the lesson's files: ${String(error)}`;
        return;
      }
      const lesson = bundle.value.lesson;
      args.value = lesson.defaultArgs;
      store = new EditStore(lesson.id);
      refreshEdited();
      currentPath.value = ((_a = visibleFiles.value.find((f) => f.path === "src/main.ts")) == null ? void 0 : _a.path) ?? ((_b = visibleFiles.value[0]) == null ? void 0 : _b.path) ?? "";
      terminal = await createTerminal(terminalHost.value, isDark.value);
      disposers.push(() => terminal == null ? void 0 : terminal.dispose());
      const handle = { terminalText: () => (terminal == null ? void 0 : terminal.text()) ?? "" };
      window.steadyPlayground = handle;
      let engine;
      try {
        engine = selectEngine(lesson);
        engineKind.value = engine.kind;
      } catch (error) {
        state.error = {
          message: error instanceof Error ? error.message : String(error),
          advice: error.advice ?? null
        };
      }
      if (engine) {
        session = new PlaygroundSession(bundle.value, engine, state, {
          write: (data) => terminal == null ? void 0 : terminal.write(data),
          edits: currentEdits,
          graded: (summary) => recordGrade(summary)
        });
        const stopOnLeave = () => void (session == null ? void 0 : session.stop());
        window.addEventListener("pagehide", stopOnLeave);
        disposers.push(() => window.removeEventListener("pagehide", stopOnLeave));
        void session.boot();
      }
      monaco = await loadMonaco();
      const saved = store.all();
      for (const file of visibleFiles.value) modelFor(file.path, saved[file.path] ?? file.content);
      editor = monaco.editor.create(editorHost.value, {
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        theme: isDark.value ? THEMES.dark : THEMES.light,
        tabSize: 2
      });
      decorations = editor.createDecorationsCollection();
      const changes = editor.onDidChangeModelContent(() => {
        const path = currentPath.value;
        const file = currentFile.value;
        const model = editor == null ? void 0 : editor.getModel();
        if (!(file == null ? void 0 : file.editable) || !model || !store) return;
        store.save(path, model.getValue(), file.content);
        if (monaco) decorations == null ? void 0 : decorations.set(keyLineDecorations(monaco, model));
        refreshEdited();
      });
      disposers.push(() => changes.dispose());
      open(currentPath.value);
      Object.assign(handle, { monaco, editor });
      editorReady.value = true;
    });
    watch(isDark, (dark) => {
      monaco == null ? void 0 : monaco.editor.setTheme(dark ? THEMES.dark : THEMES.light);
      terminal == null ? void 0 : terminal.setDark(dark);
    });
    onBeforeUnmount(() => {
      void (session == null ? void 0 : session.stop());
      editor == null ? void 0 : editor.dispose();
      for (const model of models.values()) model.dispose();
      models.clear();
      for (const dispose of disposers) dispose();
    });
    return (_ctx, _push, _parent, _attrs) => {
      var _a, _b, _c, _d, _e;
      _push(`<div${ssrRenderAttrs(mergeProps({
        class: "playground",
        "data-testid": "playground",
        "data-engine": engineKind.value ?? "none",
        "data-editor-ready": editorReady.value
      }, _attrs))} data-v-8a25e18f>`);
      if (loadError.value) {
        _push(`<p class="error" data-v-8a25e18f>${ssrInterpolate(loadError.value)}</p>`);
      } else {
        _push(`<!---->`);
      }
      _push(`<div class="toolbar" data-v-8a25e18f><span class="engine" data-testid="engine" data-v-8a25e18f>${ssrInterpolate(engineKind.value === "native" ? "Native mode" : engineKind.value === "webcontainer" ? "In the browser (WebContainers)" : "No engine")}</span><label class="args" data-v-8a25e18f><span data-v-8a25e18f>npm start --</span><input${ssrRenderAttr("value", args.value)} data-testid="args" spellcheck="false" aria-label="Arguments for npm start" data-v-8a25e18f></label><button type="button" class="primary" data-testid="run"${ssrIncludeBooleanAttr(!unref(session)) ? " disabled" : ""} data-v-8a25e18f>▶ Run</button><button type="button" data-testid="test"${ssrIncludeBooleanAttr(!unref(session)) ? " disabled" : ""} data-v-8a25e18f>✓ Test</button><button type="button" data-testid="stop"${ssrIncludeBooleanAttr(!busy.value) ? " disabled" : ""} data-v-8a25e18f>■ Stop</button></div><div data-testid="status"${ssrRenderAttr("data-phase", ((_a = state.status) == null ? void 0 : _a.phase) ?? "idle")} class="${ssrRenderClass([(_b = state.status) == null ? void 0 : _b.phase, "status"])}" role="status" data-v-8a25e18f><span data-v-8a25e18f>${ssrInterpolate(((_c = state.status) == null ? void 0 : _c.message) ?? "Ready when you are: edit, then Run or Test.")}</span>`);
      if (((_d = state.status) == null ? void 0 : _d.progress) !== void 0 && state.status.phase !== "ready") {
        _push(`<progress${ssrRenderAttr("value", state.status.progress)} max="1" data-v-8a25e18f></progress>`);
      } else {
        _push(`<!---->`);
      }
      _push(`</div>`);
      if (state.error) {
        _push(`<div class="error" data-testid="error" data-v-8a25e18f><strong data-v-8a25e18f>${ssrInterpolate(state.error.message)}</strong>`);
        if (state.error.advice) {
          _push(`<span data-v-8a25e18f>${ssrInterpolate(state.error.advice)}</span>`);
        } else {
          _push(`<!---->`);
        }
        _push(`</div>`);
      } else {
        _push(`<!---->`);
      }
      _push(`<div class="workspace" data-v-8a25e18f><nav class="files" aria-label="Lesson files" data-testid="files" data-v-8a25e18f><!--[-->`);
      ssrRenderList(groups.value, ([folder, files]) => {
        _push(`<div class="group" data-v-8a25e18f><div class="folder" data-v-8a25e18f>${ssrInterpolate(folder)}/</div><!--[-->`);
        ssrRenderList(files, (file) => {
          _push(`<button type="button" class="${ssrRenderClass([{ active: file.path === currentPath.value, edited: edited.value.includes(file.path), readonly: !file.editable }, "file"])}"${ssrRenderAttr("data-path", file.path)}${ssrRenderAttr("title", file.editable ? file.path : `${file.path} (read-only)`)} data-v-8a25e18f>${ssrInterpolate(file.path.slice(folder === "." ? 0 : folder.length + 1))}`);
          if (edited.value.includes(file.path)) {
            _push(`<span data-v-8a25e18f> •</span>`);
          } else {
            _push(`<!---->`);
          }
          _push(`</button>`);
        });
        _push(`<!--]--></div>`);
      });
      _push(`<!--]--></nav><div class="editor-column" data-v-8a25e18f><div class="file-bar" data-v-8a25e18f><span class="path" data-testid="current-file" data-v-8a25e18f>${ssrInterpolate(currentPath.value)}</span>`);
      if (currentFile.value && !currentFile.value.editable) {
        _push(`<span class="ro" data-v-8a25e18f>read-only</span>`);
      } else {
        _push(`<!---->`);
      }
      _push(`<button type="button" data-testid="reset"${ssrIncludeBooleanAttr(!((_e = currentFile.value) == null ? void 0 : _e.editable) || !edited.value.includes(currentPath.value)) ? " disabled" : ""} data-v-8a25e18f> Reset file </button>`);
      if (canShowSolution.value) {
        _push(`<button type="button" data-testid="solution" data-v-8a25e18f>Show solution</button>`);
      } else {
        _push(`<!---->`);
      }
      _push(`</div><div class="editor" data-testid="editor" data-v-8a25e18f></div></div></div><div class="panels" data-v-8a25e18f><div class="terminal-panel" data-v-8a25e18f><div class="panel-title" data-v-8a25e18f>Terminal</div><div class="terminal" data-testid="terminal" data-v-8a25e18f></div></div><div class="telemetry-panel" data-testid="telemetry" data-v-8a25e18f><div class="panel-title" data-v-8a25e18f> Telemetry `);
      if (state.telemetryUrl) {
        _push(`<a${ssrRenderAttr("href", state.telemetryUrl)} target="_blank" rel="noopener" data-v-8a25e18f>open ↗</a>`);
      } else {
        _push(`<!---->`);
      }
      _push(`</div>`);
      if (state.telemetryUrl) {
        _push(`<iframe${ssrRenderAttr("src", state.telemetryUrl)} credentialless title="Telemetry dashboard" data-v-8a25e18f></iframe>`);
      } else {
        _push(`<p class="hint" data-v-8a25e18f>The live dashboard shows here while a lesson that serves telemetry runs.</p>`);
      }
      _push(`</div></div>`);
      if (state.grade) {
        _push(`<div class="results" data-testid="results" data-v-8a25e18f><div class="panel-title" data-v-8a25e18f> Exercises: ${ssrInterpolate(state.grade.passed)}/${ssrInterpolate(state.grade.total)} pass (${ssrInterpolate(state.grade.score)}%) </div><ul data-v-8a25e18f><!--[-->`);
        ssrRenderList(state.grade.exercises, (ex) => {
          _push(`<li${ssrRenderAttr("data-exercise", ex.id)}${ssrRenderAttr("data-passed", ex.passed)} data-v-8a25e18f><span class="mark" data-v-8a25e18f>${ssrInterpolate(ex.passed ? "✓" : "✗")}</span><a${ssrRenderAttr("href", `#exercise-${ex.id}`)} data-v-8a25e18f>${ssrInterpolate(ex.title)}</a>`);
          if (ex.firstFailure) {
            _push(`<div class="failure" data-v-8a25e18f>${ssrInterpolate(ex.firstFailure)}</div>`);
          } else {
            _push(`<!---->`);
          }
          _push(`</li>`);
        });
        _push(`<!--]--></ul></div>`);
      } else {
        _push(`<!---->`);
      }
      _push(`</div>`);
    };
  }
});
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("../.vitepress/theme/components/Playground.vue");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const Playground = /* @__PURE__ */ _export_sfc(_sfc_main, [["__scopeId", "data-v-8a25e18f"]]);
export {
  Playground as default
};
