/* Starts the board's filters and search (board.js) on pages that have a board, and the
   Save / Mark applied buttons on listing pages; nowhere else. Material's document$ emits
   on every page, including after instant navigation, which replaces the page without
   running this file again. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("board.js", here).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function start() {
    // Material's search dialog has no accessible name (axe: aria-dialog-name); it takes
    // its field's label. Done here rather than in a copy of Material's search partial.
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    var field = document.querySelector(".md-search__input[aria-label]");
    if (dialog && field) dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
    var element = document.getElementById("bg-app");
    if (!element) {
      if (window.boardgenBoard) window.boardgenBoard.unmount();
      // A listing page: its Save and Mark applied buttons, from the same script.
      var keep = document.getElementById("bg-keep");
      if (keep) {
        load().then(function () {
          if (keep.isConnected) window.boardgenBoard.keep(keep);
        });
      }
      return;
    }
    // document$ can emit again for the same page: mount() keeps a board already on it.
    load().then(function () {
      // A later navigation may have replaced the page while board.js loaded.
      if (element.isConnected) window.boardgenBoard.mount(element);
    });
  }

  if (window.document$) window.document$.subscribe(start);
  else start();
})();
