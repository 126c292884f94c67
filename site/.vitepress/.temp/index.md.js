import { resolveComponent, useSSRContext } from "vue";
import { ssrRenderAttrs, ssrRenderComponent } from "vue/server-renderer";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"","description":"","frontmatter":{"layout":"home","hero":{"name":"Steady","text":"Actor-based concurrency in TypeScript","tagline":"Five lessons, from one actor on its own thread to a distributed pipeline over Aeron. Read, run, test — in the page.","actions":[{"theme":"brand","text":"Start with lesson 1","link":"/lessons/01-minimum"},{"theme":"alt","text":"Runtime API","link":"/reference"}]}},"headers":[],"relativePath":"index.md","filePath":"index.md"}');
const _sfc_main = { name: "index.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  const _component_LessonPath = resolveComponent("LessonPath");
  const _component_ProgressPanel = resolveComponent("ProgressPanel");
  _push(`<div${ssrRenderAttrs(_attrs)}>`);
  _push(ssrRenderComponent(_component_LessonPath, null, null, _parent));
  _push(`<h2 id="how-it-works" tabindex="-1">How it works <a class="header-anchor" href="#how-it-works" aria-label="Permalink to &quot;How it works&quot;">​</a></h2><p>Every lesson is a small, complete, runnable project. Its page shows the lesson text, the code (the lines that carry the lesson&#39;s key ideas are highlighted), a <strong>playground</strong> where you edit the files, <strong>Run</strong> the program and <strong>Test</strong> your exercises, and the live <strong>telemetry</strong> of the running graph.</p><p>The playground runs your code in one of two ways:</p><ul><li><strong>In the browser</strong> (WebContainers): nothing to install. Needs a recent Chromium-based browser, an internet connection, and a cross-origin isolated page (the hosted site is).</li><li><strong>On your machine</strong> (native mode): clone the repository, then <code>npm install &amp;&amp; npm start</code> and open the address it prints. Real threads, real UDP, works offline. The last lesson (Aeron over UDP) needs it.</li></ul><p>Your progress — exercises passed — is kept in this browser. Use <strong>Export</strong> in the progress panel to save it to a file, and <strong>Import</strong> to bring it to another browser.</p>`);
  _push(ssrRenderComponent(_component_ProgressPanel, null, null, _parent));
  _push(`</div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("index.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const index = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  index as default
};
