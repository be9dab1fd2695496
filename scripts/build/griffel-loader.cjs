// Griffel's ahead-of-time compilation of the app's own makeStyles / makeResetStyles calls, as a
// Turbopack loader (Griffel ships it for webpack only). Each call becomes __styles / __resetStyles
// with its CSS computed at build time, so the browser no longer downloads or runs Griffel's CSS
// compiler (stylis, rtl-css-js, the style resolver): about 7 KB of gzip JavaScript on every page, and
// no style computation while a page starts. Fluent's own packages are published precompiled.
//
// The preset evaluates each style object (tokens, typographyStyles…) in a sandbox that loads the
// imported modules; like Griffel's webpack loader, it resolves them as CommonJS ("require").
// Turbopack caches loader results in .next/cache: after editing this file, delete that folder.
const path = require("node:path");
const babel = require("@babel/core");
const { Module } = require("@griffel/babel-preset");
const enhancedResolve = require("enhanced-resolve");

const projectRoot = path.resolve(__dirname, "../..");
const resolveSync = enhancedResolve.create.sync({
  conditionNames: ["require"],
  extensions: [".js", ".jsx", ".ts", ".tsx", ".cjs", ".json"],
  alias: { "@": projectRoot },
});

const presetOptions = {
  // The sandbox re-reads app files to evaluate style values: they are TypeScript (with JSX).
  babelOptions: { presets: [require.resolve("@babel/preset-typescript")] },
  modules: [
    { moduleSource: "@fluentui/react-components", importName: "makeStyles", resetImportName: "makeResetStyles" },
    { moduleSource: "@griffel/react", importName: "makeStyles", resetImportName: "makeResetStyles" },
  ],
};

module.exports = function griffelLoader(source) {
  const callback = this.async();
  const originalResolveFilename = Module._resolveFilename;
  Module._resolveFilename = (id, { filename }) => {
    const resolved = resolveSync(path.dirname(filename), id);
    if (!resolved) throw new Error(`griffel-loader: cannot resolve "${id}" from ${filename}`);
    return resolved;
  };
  let result;
  try {
    result = babel.transformSync(source, {
      filename: this.resourcePath,
      babelrc: false,
      configFile: false,
      sourceMaps: false,
      // Types and JSX stay for Next's own compiler; Babel only needs to read them.
      parserOpts: { plugins: ["typescript", "jsx"] },
      presets: [[require.resolve("@griffel/babel-preset"), presetOptions]],
    });
  } catch (error) {
    Module._resolveFilename = originalResolveFilename;
    callback(error);
    return;
  }
  Module._resolveFilename = originalResolveFilename;
  callback(null, result.code);
};
