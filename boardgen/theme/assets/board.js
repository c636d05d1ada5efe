/* The board in the browser: facets with live counts, full-text search, sort, state in the
   URL, and a saved/applied list kept in localStorage. No framework and no build step.

   Data (built by boardgen/render/facets.py): board/index.json holds one column of small integer
   codes per facet, in the board's newest-first order; card text comes in chunks
   (board/cards/<n>.json) fetched only for the results on screen. Search (boardgen/render/search.py):
   board/search.json lists word-prefix keys; a query fetches only the shards of its words
   (board/search/<hex of key>.json) and marks the positions listed under matching words. Facet semantics match
   boardgen.render.facets: OR within a facet, AND across facets, and a value's count is what the
   result count would be with that value added to the other facets' filters.

   Words: every text shown comes from the page's data-strings (the catalog's js.* keys in
   boardgen/render/i18n.py, read here as t.<name>); dates and numbers follow <html lang>.

   Safety: nothing from the data, the URL or storage is ever parsed as HTML; the DOM is
   built with createElement and textContent. */
(function () {
  "use strict";

  var PAGE = 20;
  var current = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var key in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
        var value = attrs[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === "text") node.textContent = value;
        else if (key === "class") node.className = value;
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : "";
    });
  }

  // Dates and numbers in the page's language, as the generated pages write them:
  // "22 November 2026" (en), "22. November 2026" (de); "1,234" / "1.234".
  function pageLocale() {
    var lang = document.documentElement.lang || "en";
    return lang === "en" ? "en-GB" : lang;
  }

  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
    if (!m) return String(iso);
    try {
      var day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return new Intl.DateTimeFormat(pageLocale(), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(day);
    } catch (_e) {
      return String(iso);
    }
  }

  function number(n) {
    try {
      return new Intl.NumberFormat(pageLocale()).format(n);
    } catch (_e) {
      return String(n);
    }
  }

  function today() {
    var d = new Date();
    var m = String(d.getMonth() + 1).padStart(2, "0");
    return d.getFullYear() + "-" + m + "-" + String(d.getDate()).padStart(2, "0");
  }

  // --- saved and applied (localStorage; one list per board address) -----------------------

  function Store(base) {
    this.key = "boardgen:list:" + new URL(base).pathname;
    this.items = {};
    try {
      var raw = JSON.parse(localStorage.getItem(this.key) || "{}");
      if (raw && typeof raw === "object" && !Array.isArray(raw)) this.items = raw;
    } catch (_e) {
      this.items = {};
    }
  }
  Store.prototype.save = function () {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items));
    } catch (_e) {
      /* storage full or disabled: the list lasts for this page only */
    }
  };
  Store.prototype.get = function (id) {
    return Object.prototype.hasOwnProperty.call(this.items, id) ? this.items[id] : null;
  };
  Store.prototype.toggle = function (card) {
    if (this.get(card.id)) delete this.items[card.id];
    else this.items[card.id] = entry(card);
    this.save();
  };
  Store.prototype.toggleApplied = function (card) {
    var item = this.get(card.id) || (this.items[card.id] = entry(card));
    item.applied = item.applied ? null : today();
    this.save();
  };
  Store.prototype.list = function () {
    var items = this.items;
    return Object.keys(items)
      .map(function (id) {
        return items[id];
      })
      .filter(function (item) {
        return item && typeof item.id === "string";
      })
      .sort(function (a, b) {
        return String(a.saved).localeCompare(String(b.saved)) || a.id.localeCompare(b.id);
      });
  };

  function entry(card) {
    return {
      id: card.id,
      title: card.title,
      org: card.org,
      url: card.url,
      deadline: card.deadline,
      saved: today(),
      applied: null,
    };
  }

  function csvCell(value) {
    var text = String(value === null || value === undefined ? "" : value);
    // A spreadsheet would run a cell that starts like a formula.
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function icsText(value) {
    return String(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/[\r\n]+/g, "\\n");
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  // --- the app ---------------------------------------------------------------------------

  function Board(root) {
    this.root = root;
    this.t = JSON.parse(root.getAttribute("data-strings") || "{}");
    this.indexUrl = new URL(root.getAttribute("data-index"), location.href);
    this.searchUrl = new URL(root.getAttribute("data-search"), location.href);
    this.base = new URL("../", this.indexUrl).href;
    this.store = new Store(this.base);
    this.chunks = {};
    this.state = null;
    this.shown = PAGE;
    this.searchHits = null; // Uint8Array of board positions the query matched, or null
    this.searchToken = 0;
    // Back and forward between states of this board arrive as "boardgen:popstate", sent by
    // a popstate listener in the page's <head> (main.html) that runs before Material's and
    // keeps instant navigation from fetching and replacing the whole page for them.
    root.setAttribute("data-boardgen-path", location.pathname);
    this.onPop = this.readUrl.bind(this, false);
    root.addEventListener("boardgen:popstate", this.onPop);
  }

  Board.prototype.start = function () {
    var self = this;
    return fetch(this.indexUrl)
      .then(function (r) {
        if (!r.ok) throw new Error("index " + r.status);
        return r.json();
      })
      .then(function (index) {
        if (!self.root.isConnected) return;
        self.index = index;
        self.n = index.count;
        self.facets = index.facets.map(function (f) {
          var col = f.col;
          var codes = {};
          f.values.forEach(function (v, i) {
            codes[v] = i;
          });
          return {
            key: f.key,
            label: f.label,
            multi: f.multi,
            values: f.values,
            labels: f.labels,
            codes: codes,
            col: f.multi ? col : Uint16Array.from(col),
            selected: new Uint8Array(f.values.length),
            any: false,
          };
        });
        self.rebase();
        self.build();
        // A separate task for the first filtering, so neither blocks the page for long; the
        // server-rendered list stays until the app's own first results are in.
        setTimeout(function () {
          if (!self.root.isConnected) return;
          Promise.resolve(self.readUrl(true))
            .then(function () {
              return self.listDone;
            })
            .then(function () {
              if (!self.root.isConnected) return;
              document.documentElement.classList.add("bg-ready");
              // The benchmark's time to interactive: filters work and results show.
              if (performance.mark) performance.mark("boardgen-interactive");
            });
        }, 0);
      })
      .catch(function () {
        /* without the index the server-rendered list stays, which works on its own */
      });
  };

  Board.prototype.stop = function () {
    this.root.removeEventListener("boardgen:popstate", this.onPop);
    document.documentElement.classList.remove("bg-ready", "bg-drawer-open");
  };

  Board.prototype.build = function () {
    var t = this.t;
    var self = this;
    this.q = el("input", {
      type: "search",
      id: "bg-q",
      class: "bg-q",
      placeholder: t.search_placeholder,
      autocomplete: "off",
      oninput: function () {
        self.state.q = self.q.value;
        clearTimeout(self.typing);
        self.typing = setTimeout(function () {
          self.commit(true);
        }, 150);
      },
    });
    this.sort = el(
      "select",
      {
        id: "bg-sort",
        onchange: function () {
          self.state.sort = self.sort.value;
          self.commit(false);
        },
      },
      [
        el("option", { value: "newest", text: t.sort_newest }),
        el("option", { value: "deadline", text: t.sort_deadline }),
        el("option", { value: "pay", text: t.sort_pay }),
      ]
    );
    this.drawerButton = el("button", {
      type: "button",
      class: "md-button bg-drawer-toggle",
      "aria-expanded": "false",
      "aria-controls": "bg-filters",
      text: t.show_filters,
      onclick: function () {
        self.drawer(true);
      },
    });
    this.allButton = el("button", {
      type: "button",
      class: "bg-view",
      text: t.all,
      onclick: function () {
        self.state.view = "";
        self.commit(false);
      },
    });
    this.mineButton = el("button", {
      type: "button",
      class: "bg-view",
      onclick: function () {
        self.state.view = "mine";
        self.commit(false);
      },
    });
    var toolbar = el("div", { class: "bg-toolbar" }, [
      el("div", { class: "bg-searchbox" }, [el("label", { for: "bg-q", text: t.search }), this.q]),
      el("div", { class: "bg-sortbox" }, [el("label", { for: "bg-sort", text: t.sort }), this.sort]),
      this.drawerButton,
      el("div", { class: "bg-views", role: "group", "aria-label": t.my_list }, [
        this.allButton,
        this.mineButton,
      ]),
    ]);

    this.groups = {};
    var fieldsets = this.facets.map(function (facet) {
      var boxes = facet.values.map(function (value, code) {
        var count = el("span", { class: "bg-n" });
        var box = el("input", {
          type: "checkbox",
          name: facet.key,
          value: value,
          onchange: function () {
            facet.selected[code] = box.checked ? 1 : 0;
            self.state.facets[facet.key] = facet.values.filter(function (_v, i) {
              return facet.selected[i];
            });
            self.commit(false);
          },
        });
        return { box: box, count: count, row: el("label", { class: "bg-option" }, [box, " " + facet.labels[code] + " ", count]) };
      });
      self.groups[facet.key] = boxes;
      var inner = boxes.map(function (b) {
        return b.row;
      });
      if (facet.key === "pay") {
        self.rate = el("input", {
          type: "number",
          id: "bg-rate",
          min: "0",
          step: "1",
          inputmode: "decimal",
          "aria-describedby": "bg-rate-hint",
          oninput: function () {
            clearTimeout(self.typing);
            self.typing = setTimeout(function () {
              self.state.rate = self.rate.value;
              self.commit(true);
            }, 150);
          },
        });
        inner.push(
          el("div", { class: "bg-rate" }, [
            el("label", { for: "bg-rate", text: t.min_rate }),
            self.rate,
            el("small", { id: "bg-rate-hint", text: t.min_rate_hint }),
          ])
        );
      }
      return el("fieldset", { class: "bg-facet", "data-facet": facet.key }, [el("legend", { text: facet.label })].concat(inner));
    });
    this.closeButton = el("button", {
      type: "button",
      class: "md-button bg-drawer-close",
      text: t.close_filters,
      onclick: function () {
        self.drawer(false);
      },
    });
    this.filters = el(
      "section",
      { id: "bg-filters", class: "bg-filters", "aria-labelledby": "bg-filters-title", tabindex: "-1" },
      [
        el("div", { class: "bg-drawer-head" }, [
          el("h2", { id: "bg-filters-title", text: t.filters }),
          this.closeButton,
        ]),
        el("button", {
          type: "button",
          class: "md-button bg-clear",
          text: t.clear,
          onclick: function () {
            self.state = { q: "", sort: self.state.sort, rate: "", view: "", facets: {} };
            self.commit(false);
          },
        }),
      ].concat(fieldsets)
    );
    this.status = el("p", { class: "bg-status", role: "status", "aria-live": "polite" });
    this.list = el("ul", { class: "bg-cards bg-results-list" });
    this.more = el("button", {
      type: "button",
      class: "md-button bg-more",
      text: t.show_more,
      onclick: function () {
        self.shown += PAGE;
        self.renderList(true);
      },
    });
    this.exports = el("p", { class: "bg-exports" }, [
      el("button", {
        type: "button",
        class: "md-button",
        text: t.export_csv,
        onclick: function () {
          self.exportCsv();
        },
      }),
      el("button", {
        type: "button",
        class: "md-button",
        text: t.export_ics,
        onclick: function () {
          self.exportIcs();
        },
      }),
    ]);
    this.heading = el("h2", { id: "bg-results-title", class: "bg-results-title" });
    var results = el("section", { class: "bg-results", "aria-labelledby": "bg-results-title" }, [
      this.heading,
      this.status,
      this.exports,
      this.list,
      this.more,
    ]);
    this.root.textContent = "";
    this.root.appendChild(toolbar);
    this.root.appendChild(el("div", { class: "bg-layout" }, [this.filters, results]));
    this.root.addEventListener("keydown", function (event) {
      if (!document.documentElement.classList.contains("bg-drawer-open")) return;
      if (event.key === "Escape") self.drawer(false);
      else if (event.key === "Tab") self.trapFocus(event);
    });
  };

  // The open drawer covers the page: it acts as a modal dialog, and Tab stays inside it.
  Board.prototype.drawer = function (open) {
    document.documentElement.classList.toggle("bg-drawer-open", open);
    this.drawerButton.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      this.filters.setAttribute("role", "dialog");
      this.filters.setAttribute("aria-modal", "true");
    } else {
      this.filters.removeAttribute("role");
      this.filters.removeAttribute("aria-modal");
    }
    (open ? this.filters : this.drawerButton).focus();
  };

  Board.prototype.trapFocus = function (event) {
    var inside = Array.prototype.filter.call(this.filters.querySelectorAll("button, input, select, a[href]"), function (node) {
      return !node.disabled && node.getClientRects().length > 0;
    });
    if (!inside.length) return;
    var first = inside[0];
    var last = inside[inside.length - 1];
    var at = document.activeElement;
    if (event.shiftKey && (at === first || at === this.filters)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && at === last) {
      event.preventDefault();
      first.focus();
    }
  };

  // --- URL state ---------------------------------------------------------------------------
  // The query is "search", not "q": Material's own site search takes ?q= and focuses itself.

  Board.prototype.readUrl = function (first) {
    if (!this.facets) return;
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("search") || "", sort: params.get("sort") || "newest", facets: {} };
    if (["newest", "deadline", "pay"].indexOf(state.sort) < 0) state.sort = "newest";
    var rate = parseFloat(params.get("rate") || "");
    state.rate = isFinite(rate) && rate > 0 ? String(rate) : "";
    state.view = params.get("view") === "mine" ? "mine" : "";
    this.facets.forEach(function (facet) {
      var raw = params.get(facet.key);
      if (!raw) return;
      state.facets[facet.key] = raw.split(",").filter(function (v) {
        return Object.prototype.hasOwnProperty.call(facet.codes, v);
      });
    });
    this.state = state;
    return this.apply(!!first);
  };

  Board.prototype.writeUrl = function (replace) {
    var s = this.state;
    var params = new URLSearchParams();
    if (s.q.trim()) params.set("search", s.q);
    this.facets.forEach(function (facet) {
      var chosen = s.facets[facet.key];
      if (chosen && chosen.length) params.set(facet.key, chosen.join(","));
    });
    if (s.rate) params.set("rate", s.rate);
    if (s.sort !== "newest") params.set("sort", s.sort);
    if (s.view) params.set("view", s.view);
    var query = params.toString().replace(/%2C/g, ",");
    var url = location.pathname + (query ? "?" + query : "");
    if (url === location.pathname + location.search) return;
    if (replace) history.replaceState(history.state, "", url);
    else history.pushState(null, "", url);
  };

  Board.prototype.commit = function (replace) {
    this.writeUrl(replace);
    this.apply(false);
  };

  // Puts the state into the controls, then searches (when needed) and renders.
  Board.prototype.apply = function (first) {
    var s = this.state;
    var self = this;
    if (this.q.value !== s.q) this.q.value = s.q;
    this.sort.value = s.sort;
    if (this.rate.value !== s.rate && document.activeElement !== this.rate) this.rate.value = s.rate;
    this.facets.forEach(function (facet) {
      var chosen = s.facets[facet.key] || [];
      facet.selected.fill(0);
      chosen.forEach(function (v) {
        facet.selected[facet.codes[v]] = 1;
      });
      facet.any = chosen.length > 0;
      self.groups[facet.key].forEach(function (b, i) {
        b.box.checked = !!facet.selected[i];
      });
    });
    this.allButton.setAttribute("aria-pressed", s.view ? "false" : "true");
    this.mineButton.setAttribute("aria-pressed", s.view ? "true" : "false");
    this.shown = PAGE;
    var q = s.q.trim();
    if (!q) {
      this.searchHits = null;
      this.searchedFor = "";
      this.render();
      return Promise.resolve();
    }
    if (q === this.searchedFor && this.searchHits) {
      this.render();
      return Promise.resolve();
    }
    var token = ++this.searchToken;
    this.status.textContent = this.t.loading;
    return this.search(q).then(
      function (hits) {
        if (token !== self.searchToken) return;
        self.searchHits = hits;
        self.searchedFor = q;
        self.render();
      },
      function () {
        if (token !== self.searchToken) return;
        self.searchHits = null;
        self.searchedFor = "";
        self.render();
        self.status.textContent = self.t.search_failed;
      }
    );
  };

  // --- search: the index of boardgen/render/search.py, one small shard per word prefix ------------

  // Words as boardgen.render.search.words splits them: lower case, accents dropped, letters/digits.
  function searchWords(q) {
    return q.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  // As boardgen.render.search: a rule [stem ending, word ending] turns the term into the stem.
  var RULE_PREFIX = 3;
  function isForm(term, stem, rules) {
    for (var i = 0; i < rules.length; i++) {
      var stemEnd = rules[i][0];
      var wordEnd = rules[i][1];
      if (!stem.endsWith(stemEnd) || !term.endsWith(wordEnd)) continue;
      var base = stem.slice(0, stem.length - stemEnd.length);
      if (base.length >= RULE_PREFIX && base === term.slice(0, term.length - wordEnd.length)) return true;
    }
    return false;
  }

  function hex(text) {
    return Array.from(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  // Resolves to a Uint8Array marking the board positions that hold every word of q, or to
  // null when q has no word to search for (punctuation only).
  Board.prototype.search = function (q) {
    var self = this;
    var terms = searchWords(q);
    if (!terms.length) return Promise.resolve(null);
    if (!this.searchKeys) {
      this.searchKeys = fetch(this.searchUrl).then(function (r) {
        if (!r.ok) throw new Error("search index " + r.status);
        return r.json();
      });
      this.searchKeys.catch(function () {
        self.searchKeys = null;
      });
    }
    return this.searchKeys.then(function (manifest) {
      var keys = manifest.keys;
      var rules = manifest.rules;
      return Promise.all(terms.map(function (term) {
        var size = Array.from(term).length; // characters, as Python counts them
        // A word lives under the longest key it begins with; a prefix may span several.
        var wanted = keys.filter(function (k) {
          return term.startsWith(k) || (size > 1 && k.startsWith(term));
        });
        return Promise.all(wanted.map(function (k) { return self.shard(k); })).then(function (shards) {
          var hits = new Uint8Array(self.n);
          shards.forEach(function (shard) {
            var groups = new Set();
            for (var word in shard.w) {
              if (size > 1 ? word.startsWith(term) : word === term) groups.add(shard.w[word]);
            }
            // Or the word is another form of a group's stem, by the board's ending rules.
            if (size > RULE_PREFIX) {
              shard.s.forEach(function (stem, g) {
                if (isForm(term, stem, rules)) groups.add(g);
              });
            }
            groups.forEach(function (g) {
              var at = 0;
              var deltas = shard.p[g];
              for (var i = 0; i < deltas.length; i++) {
                at += deltas[i];
                hits[at] = 1;
              }
            });
          });
          return hits;
        });
      })).then(function (perTerm) {
        var hits = perTerm[0];
        for (var t = 1; t < perTerm.length; t++) {
          for (var i = 0; i < hits.length; i++) hits[i] &= perTerm[t][i];
        }
        return hits;
      });
    });
  };

  Board.prototype.shard = function (key) {
    var self = this;
    this.shards = this.shards || {};
    if (!this.shards[key]) {
      this.shards[key] = fetch(new URL("search/" + hex(key) + ".json", this.searchUrl)).then(function (r) {
        if (!r.ok) throw new Error("search shard " + r.status);
        return r.json();
      });
      this.shards[key].catch(function () {
        delete self.shards[key];
      });
    }
    return this.shards[key];
  };

  // --- filtering and counts ----------------------------------------------------------------

  function daysBetween(from, to) {
    var a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(from));
    var b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(to));
    if (!a || !b) return 0;
    return Math.round((Date.UTC(+b[1], +b[2] - 1, +b[3]) - Date.UTC(+a[1], +a[2] - 1, +a[3])) / 86400000);
  }

  // The index says where each listing stood on the day it was built (index.today). On the
  // visitor's own day a deadline may be nearer or past, and a listing no longer new: the
  // deadline and posted columns are recomputed as boardgen.render.facets computes them, and a
  // listing whose deadline has passed is left out.
  Board.prototype.rebase = function () {
    var index = this.index;
    this.gone = new Uint8Array(this.n);
    var shift = daysBetween(index.today, today());
    if (!shift || !index.posted) return;
    var byKey = {};
    this.facets.forEach(function (facet) {
      byKey[facet.key] = facet;
    });
    var deadline = byKey.deadline;
    var posted = byKey.posted;
    for (var i = 0; i < this.n; i++) {
      var days = index.deadline[i];
      if (days !== null && days !== undefined) {
        days -= shift;
        index.deadline[i] = days;
        if (days < 0) this.gone[i] = 1;
        else if (deadline) deadline.col[i] = deadline.codes[days <= index.week_days ? "week" : days <= index.month_days ? "month" : "later"];
      }
      var age = index.posted[i];
      if (posted && age !== null && age !== undefined) {
        posted.col[i] = posted.codes[age + shift < index.new_days ? "new" : "older"];
      }
    }
  };

  Board.prototype.compute = function () {
    var facets = this.facets;
    var n = this.n;
    var f = facets.length;
    var hits = this.searchHits;
    var minRate = parseFloat(this.state.rate);
    var rates = this.index.rate;
    var counts = facets.map(function (facet) {
      return new Uint32Array(facet.values.length);
    });
    var matched = [];
    var gone = this.gone;
    for (var i = 0; i < n; i++) {
      if (gone[i] || (hits && !hits[i])) continue;
      if (minRate > 0 && !(rates[i] !== null && rates[i] >= minRate)) continue;
      var failed = -1;
      var failures = 0;
      for (var k = 0; k < f && failures < 2; k++) {
        var facet = facets[k];
        if (!facet.any) continue;
        var ok = false;
        if (facet.multi) {
          var list = facet.col[i];
          for (var j = 0; j < list.length; j++) {
            if (facet.selected[list[j]]) {
              ok = true;
              break;
            }
          }
        } else {
          ok = facet.selected[facet.col[i]] === 1;
        }
        if (!ok) {
          failures++;
          failed = k;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) matched.push(i);
      for (var m = 0; m < f; m++) {
        if (failures === 1 && m !== failed) continue;
        var target = counts[m];
        var col = facets[m].col;
        if (facets[m].multi) {
          var values = col[i];
          for (var v = 0; v < values.length; v++) target[values[v]]++;
        } else {
          target[col[i]]++;
        }
      }
    }
    return { matched: this.sorted(matched), counts: counts };
  };

  Board.prototype.sorted = function (matched) {
    var sort = this.state.sort;
    if (sort === "deadline") {
      var days = this.index.deadline;
      return matched.sort(function (a, b) {
        var x = days[a];
        var y = days[b];
        if (x === y) return a - b;
        if (x === null) return 1;
        if (y === null) return -1;
        return x - y;
      });
    }
    if (sort === "pay") {
      var rates = this.index.rate;
      return matched.sort(function (a, b) {
        var x = rates[a];
        var y = rates[b];
        if (x === y) return a - b;
        if (x === null) return 1;
        if (y === null) return -1;
        return y - x;
      });
    }
    return matched;
  };

  Board.prototype.render = function () {
    var t = this.t;
    var self = this;
    var result = this.compute();
    this.matched = result.matched;
    this.facets.forEach(function (facet, k) {
      self.groups[facet.key].forEach(function (b, code) {
        b.count.textContent = "(" + result.counts[k][code] + ")";
      });
    });
    var mine = this.state.view === "mine";
    var saved = this.store.list();
    this.heading.textContent = mine ? t.my_list : t.all;
    this.mineButton.textContent = t.my_list + " (" + saved.length + ")";
    this.exports.hidden = !mine || saved.length === 0;
    if (mine) {
      this.status.textContent = saved.length ? "" : t.my_list_empty;
    } else {
      var count = this.matched.length;
      this.status.textContent = count === 0 ? t.results_none : count === 1 ? t.results_one : format(t.results_many, { n: number(count) });
    }
    this.listDone = this.renderList(false);
  };

  Board.prototype.renderList = function (append) {
    var self = this;
    var token = (this.renderToken = (this.renderToken || 0) + 1);
    if (this.state.view === "mine") {
      this.list.textContent = "";
      this.store.list().forEach(function (item) {
        self.list.appendChild(self.card(item));
      });
      this.more.hidden = true;
      return Promise.resolve();
    }
    var from = append ? this.list.children.length : 0;
    var wanted = this.matched.slice(from, this.shown);
    this.more.hidden = this.matched.length <= this.shown;
    return Promise.all(
      wanted.map(function (position) {
        return self.cardData(position);
      })
    ).then(function (cards) {
      if (token !== self.renderToken) return;
      if (!append) self.list.textContent = "";
      var firstNew = null;
      cards.forEach(function (card) {
        var node = self.card(card);
        if (!firstNew) firstNew = node;
        self.list.appendChild(node);
      });
      if (append && firstNew) firstNew.querySelector("a").focus();
    });
  };

  Board.prototype.cardData = function (position) {
    var size = this.index.chunk;
    var number = Math.floor(position / size);
    var base = this.base;
    var url = new URL(number + ".json", new URL("cards/", this.indexUrl));
    if (!this.chunks[number]) {
      this.chunks[number] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("cards " + r.status);
        return r.json();
      });
    }
    return this.chunks[number].then(function (rows) {
      var row = rows[position - number * size];
      return {
        position: position,
        id: String(row[0]),
        title: String(row[1]),
        org: String(row[2]),
        facts: String(row[3]),
        flags: row[4] | 0,
        deadline: String(row[5] || ""),
        url: new URL(encodeURIComponent(String(row[0])) + "/", base).href,
      };
    });
  };

  Board.prototype.card = function (card) {
    var t = this.t;
    var self = this;
    var item = this.store.get(card.id);
    var badges = [];
    if (card.flags & 1) badges.push(el("span", { class: "bg-badge bg-badge--example", text: t.example }), " ");
    if (card.flags & 2) badges.push(el("span", { class: "bg-badge bg-badge--soon", text: t.closing_soon }), " ");
    var save = el("button", {
      type: "button",
      class: "bg-save",
      "aria-pressed": item ? "true" : "false",
      "aria-label": format(t.save_label, { title: card.title }),
      text: item ? "★ " + t.saved : "☆ " + t.save,
      onclick: function () {
        self.store.toggle(card);
        self.refreshCard(li, card);
      },
    });
    var applied = el("button", {
      type: "button",
      class: "bg-applied",
      "aria-pressed": item && item.applied ? "true" : "false",
      "aria-label": format(t.applied_label, { title: card.title }),
      text: item && item.applied ? "✓ " + format(t.applied_on, { date: longDate(item.applied) }) : t.mark_applied,
      onclick: function () {
        self.store.toggleApplied(card);
        self.refreshCard(li, card);
      },
    });
    var facts = card.facts ? el("p", { class: "bg-card-facts", text: card.facts }) : null;
    if (!card.facts && card.deadline) facts = el("p", { class: "bg-card-facts", text: format(t.card_deadline, { date: longDate(card.deadline) }) });
    var li = el("li", { class: "bg-card", "data-id": card.id, "data-position": card.position }, [
      el("h3", null, [el("a", { href: card.url, text: card.title })]),
      el("p", { class: "bg-card-org" }, badges.concat([card.org])),
      facts,
      el("p", { class: "bg-card-actions" }, [save, " ", applied]),
    ]);
    return li;
  };

  Board.prototype.refreshCard = function (li, card) {
    var fresh = this.card(card);
    var focused = document.activeElement && li.contains(document.activeElement) ? document.activeElement.className : null;
    if (this.state.view === "mine" && !this.store.get(card.id)) {
      this.render();
      return;
    }
    li.replaceWith(fresh);
    if (focused) fresh.querySelector("." + focused).focus();
    this.mineButton.textContent = this.t.my_list + " (" + this.store.list().length + ")";
  };

  Board.prototype.exportCsv = function () {
    var rows = [["title", "organization", "url", "deadline", "saved", "applied"]];
    this.store.list().forEach(function (item) {
      rows.push([item.title, item.org, item.url, item.deadline, item.saved, item.applied || ""]);
    });
    var text = rows
      .map(function (row) {
        return row.map(csvCell).join(",");
      })
      .join("\r\n");
    download("my-opportunities.csv", "text/csv;charset=utf-8", text + "\r\n");
  };

  Board.prototype.exportIcs = function () {
    var t = this.t;
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//boardgen//my list//EN"];
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    this.store.list().forEach(function (item) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(item.deadline))) return;
      var day = item.deadline.replace(/-/g, "");
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + icsText(item.id) + "-deadline@boardgen",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + day,
        "SUMMARY:" + icsText(format(t.ics_summary, { title: item.title, org: item.org })),
        "URL:" + icsText(item.url),
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    // RFC 5545 folds lines longer than 75 octets; 60 characters keeps UTF-8 text under.
    var folded = lines.map(function (line) {
      var parts = [];
      for (var at = 0; at < line.length; at += 60) parts.push(line.slice(at, at + 60));
      return parts.join("\r\n ");
    });
    download("my-deadlines.ics", "text/calendar;charset=utf-8", folded.join("\r\n") + "\r\n");
  };

  // --- a listing page's Save and Mark applied (the same list as the board's) ---------------

  function keep(root) {
    if (root.getAttribute("data-kept")) return; // document$ can emit twice for one page
    root.setAttribute("data-kept", "1");
    var t = JSON.parse(root.getAttribute("data-strings") || "{}");
    var data = JSON.parse(root.getAttribute("data-card") || "{}");
    var card = {
      id: String(data.id),
      title: String(data.title),
      org: String(data.org),
      deadline: String(data.deadline || ""),
      url: new URL("./", location.href).href,
    };
    var base = new URL("../", location.href).href;
    var save = el("button", { type: "button", class: "bg-save", "aria-label": format(t.save_label, { title: card.title }) });
    var applied = el("button", { type: "button", class: "bg-applied", "aria-label": format(t.applied_label, { title: card.title }) });
    var mine = el("a", { href: base + "?view=mine" });
    function show(store) {
      var item = store.get(card.id);
      save.setAttribute("aria-pressed", item ? "true" : "false");
      save.textContent = item ? "★ " + t.saved : "☆ " + t.save;
      applied.setAttribute("aria-pressed", item && item.applied ? "true" : "false");
      applied.textContent = item && item.applied ? "✓ " + format(t.applied_on, { date: longDate(item.applied) }) : t.mark_applied;
      mine.textContent = t.my_list + " (" + store.list().length + ")";
    }
    // Read the list afresh on each click: the board in another tab may have changed it.
    save.addEventListener("click", function () {
      var store = new Store(base);
      store.toggle(card);
      show(store);
    });
    applied.addEventListener("click", function () {
      var store = new Store(base);
      store.toggleApplied(card);
      show(store);
    });
    show(new Store(base));
    root.replaceChildren(save, " ", applied, " ", mine);
  }

  window.boardgenBoard = {
    keep: keep,
    mount: function (root) {
      if (current && current.root === root) return;
      if (current) current.stop();
      current = new Board(root);
      current.start();
    },
    unmount: function () {
      if (current) current.stop();
      current = null;
    },
    // For tests and benchmarks: the last board mounted.
    get current() {
      return current;
    },
  };
})();
