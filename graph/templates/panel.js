    // The side panel: click an actor or a line to read its profile or the pair's story. Its data and
    // every sentence come from Python (graph/render/panel.py); the panel is filled with textContent
    // and createElement only, so a text from the data is never read as markup. The data comes as
    // JSON text, parsed when the panel first opens, so that the page's load does not build it.
    (function (raw) {
      var P = null;
      var panel = document.getElementById("panel");
      var title = document.getElementById("panel-title");
      var body = document.getElementById("panel-body");
      if (!panel) { return; }
      var shown = null;          // what the panel shows: {actor: id} or {line: edge id}
      var returnTo = null;       // where the focus goes back to when the panel closes
      var relationsOf = null;    // actor id -> ids of its relations on the page, built at first use
      var relationsOfPair = null; // story index -> ids of the pair's relations, as explain orders them

      function el(tag, text, cls) {
        var e = document.createElement(tag);
        if (text !== undefined && text !== null) { e.textContent = String(text); }
        if (cls) { e.className = cls; }
        return e;
      }
      function add(parent, child) { parent.appendChild(child); return child; }
      function section(text) { add(body, el("h3", text)); }
      function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
      function actorName(id) { var n = nodes.get(id); return n ? nameOf(n) : id; }
      function relation(id) { return has(P.relations, id) ? P.relations[id] : null; }
      function inForce(id, r) {
        if (r.off) { return false; }
        return G.inPeriod === null || Boolean(G.inPeriod[id]);
      }

      function sourceList(ids) {
        var ul = el("ul", null, "sub");
        (ids || []).forEach(function (id) {
          var li = add(ul, el("li"));
          var s = has(P.sources, id) ? P.sources[id] : null;
          if (s && s.href) {
            var a = add(li, el("a", s.label));
            a.href = s.href;                 // only an http(s) address (checked in Python)
            a.rel = "noopener noreferrer";
            a.target = "_blank";
          } else {
            li.textContent = s ? s.label : id;
            if (s && s.url) { add(li, el("span", " " + s.url, "sub")); }
          }
        });
        return ul;
      }

      function actorButton(id) {
        var b = el("button", actorName(id), "link");
        b.type = "button";
        b.addEventListener("click", function () { openActor(id, true); });
        return b;
      }

      // One relation: kind and the other actor (or both), domain, weight, period, confidence, then
      // its evidence and sources; a relation not in force (that day, or in the period shown) is marked.
      function relationItem(id, from) {
        var r = relation(id);
        var li = el("li");
        if (!r) { li.textContent = id; return li; }
        if (!inForce(id, r)) { li.className = "off"; }
        var what = add(li, el("span", null, "what"));
        if (from) {
          var other = r.a === from ? r.b : r.a;
          what.appendChild(document.createTextNode(r.kind + (r.directed ? (r.a === from ? " towards " : " from ") : " with ")));
          what.appendChild(actorButton(other));
        } else {
          what.appendChild(document.createTextNode(r.kind + (r.directed ? ", " + actorName(r.a) + " \u2192 " + actorName(r.b) : "")));
        }
        // period and confidence are left out of the data at their defaults (graph/render/panel.py)
        what.appendChild(document.createTextNode(": " + r.domain + ", weight " + r.weight + ", " +
                                                 (r.period || "\u2026 to now") + ", confidence " + (r.confidence || "medium")));
        if (r.evidence) { add(li, el("p", r.evidence, "evidence")); }
        if (r.tags) { add(li, el("p", "tags: " + r.tags.join(", "), "sub")); }
        (r.attributes || []).forEach(function (kv) { add(li, el("p", kv[0] + ": " + kv[1], "sub")); });
        if (r.sources && r.sources.length) { add(li, sourceList(r.sources)); }
        var line = from ? lineOf(id) : null;
        if (line !== null) {
          var story = add(li, el("button", "The pair's line and story", "link"));
          story.type = "button";
          story.addEventListener("click", function () { openLine(line, true); });
        }
        return li;
      }

      // The line a relation is drawn on: its own edge, or the edge listing it (one line per pair and kind).
      function lineOf(rid) {
        if (edges.get(rid)) { return rid; }
        var found = edges.get({ filter: function (e) { return Boolean(e.relations) && e.relations.indexOf(rid) >= 0; } });
        return found.length ? found[0].id : null;
      }

      function eventItem(i) {
        var e = P.events[i];
        var li = el("li", e.date + ": " + e.title + " (" + e.kind + ")" + (e.future ? " [not yet: after this date]" : ""));
        if (e.description) { add(li, el("p", e.description, "sub")); }
        if (e.sources && e.sources.length) { add(li, sourceList(e.sources)); }
        return li;
      }

      function list(items) {
        var ul = el("ul");
        items.forEach(function (item) { ul.appendChild(item); });
        add(body, ul);
      }

      function weightOf(id) { var r = relation(id); return r ? Number(r.weight) : 0; }

      function relationsOfActor(id) {
        if (relationsOf === null) {
          relationsOf = table();
          Object.keys(P.relations).sort().forEach(function (rid) {
            var r = P.relations[rid];
            if (r.off) { return; }
            [r.a, r.b].forEach(function (x) {
              if (!has(relationsOf, x)) { relationsOf[x] = []; }
              if (relationsOf[x].indexOf(rid) < 0) { relationsOf[x].push(rid); }
            });
          });
        }
        return has(relationsOf, id) ? relationsOf[id].slice() : [];
      }

      function text(i) { return P.texts[i]; }
      function pairRelations(index) {
        if (relationsOfPair === null) {
          relationsOfPair = [];
          Object.keys(P.relations).forEach(function (rid) {
            var r = P.relations[rid];
            if (r.pair === undefined) { return; }
            (relationsOfPair[r.pair] = relationsOfPair[r.pair] || []).push(rid);
          });
          relationsOfPair.forEach(function (ids) {
            ids.sort(function (x, y) {
              var rx = relation(x), ry = relation(y);
              return (rx.kind < ry.kind ? -1 : rx.kind > ry.kind ? 1 : 0) || weightOf(y) - weightOf(x) || (x < y ? -1 : 1);
            });
          });
        }
        return relationsOfPair[index] || [];
      }

      function showActor(id) {
        var n = nodes.get(id);
        var a = has(P.actors, id) ? P.actors[id] : {};
        title.textContent = n ? nameOf(n) : id;
        add(body, el("p", (n ? n.kind : "actor") + " \u00b7 id " + id, "sub"));
        if (a.camp) { add(body, el("p", a.camp)); }
        if (a.strongest && a.strongest.length) {
          section("Strongest metrics");
          list(a.strongest.map(function (s) {
            var li = el("li", s[1]);
            var m = P.metrics[s[0]];
            add(li, el("div", m.description + (m.estimate ? " " + m.estimate : ""), "sub"));
            return li;
          }));
        }
        if (a.values) {
          var details = add(body, el("details"));
          add(details, el("summary", "All metrics"));
          var t = add(details, el("table"));
          var head = add(t, el("tr"));
          ["metric", "value", "rank"].forEach(function (h) { add(head, el("th", h)); });
          P.metrics.forEach(function (m, i) {
            var tr = add(t, el("tr"));
            var name = add(tr, el("td", m.name));
            name.title = m.description + " (" + m.layer + ")" + (m.estimate ? " " + m.estimate : "");
            var value = add(tr, el("td", (m.estimate ? "\u2248 " : "") + a.values[i]));
            if (m.estimate) { value.title = m.estimate; }
            add(tr, el("td", a.ranks[i] ? a.ranks[i] + " of " + m.of : "\u2014"));
          });
          P.metrics.forEach(function (m) {
            if (m.estimate) { add(details, el("p", "\u2248 " + m.name + ": " + m.estimate, "sub")); }
          });
        }
        var rels = relationsOfActor(id);
        rels.sort(function (x, y) {
          var rx = relation(x), ry = relation(y);
          var live = Number(inForce(y, ry)) - Number(inForce(x, rx));
          return live || (rx.kind < ry.kind ? -1 : rx.kind > ry.kind ? 1 : 0) || weightOf(y) - weightOf(x) || (x < y ? -1 : 1);
        });
        section("Relations (" + rels.length + ")");
        if (rels.length) { list(rels.map(function (rid) { return relationItem(rid, id); })); } else { add(body, el("p", "None on this page.", "sub")); }
        var evs = a.events || [];
        section("Events (" + evs.length + ")");
        if (evs.length) { list(evs.map(eventItem)); } else { add(body, el("p", "None recorded.", "sub")); }
        if (a.tags) { section("Tags"); add(body, el("p", a.tags.join(", "))); }
        if (a.attributes) {
          section("Attributes");
          list(a.attributes.map(function (kv) { return el("li", kv[0] + ": " + kv[1]); }));
        }
        if (a.sources) { section("Sources"); add(body, sourceList(a.sources)); }
      }

      function showLine(edgeId) {
        var e = edges.get(edgeId);
        if (!e) { return false; }
        var ids = e.relations || [e.id];
        var first = relation(ids[0]);
        var story = first && first.pair !== undefined ? P.pairs[first.pair] : null;
        var a = story ? story.a : e.from, b = story ? story.b : e.to;
        title.textContent = actorName(a) + " \u2013 " + actorName(b);
        var who = add(body, el("p", null, "sub"));
        who.appendChild(actorButton(a));
        who.appendChild(document.createTextNode(" and "));
        who.appendChild(actorButton(b));
        who.appendChild(document.createTextNode(" \u00b7 " + plural(ids.length, "relation") + " on this line"));
        if (story) {
          if (story.strained) { add(body, el("p", "Under strain: their tie contradicts the best split.", "strain")); }
          add(body, el("p", text(story.tie)));
          if (P.model) { add(body, el("p", P.model.charAt(0).toUpperCase() + P.model.slice(1) + ".", "sub")); }
        }
        section("Relations on this line (" + ids.length + ")");
        list(ids.map(function (rid) { return relationItem(rid, null); }));
        if (!story) {
          add(body, el("p", "A pair's story (its triads, what balance says) belongs to one day: run geograph explain " +
                             a + " " + b + " --at DAY, or open the snapshot page of that day.", "sub"));
          return true;
        }
        var both = story.events || [];
        section("Events involving both (" + both.length + ")");
        if (both.length) { list(both.map(eventItem)); } else { add(body, el("p", "None recorded.", "sub")); }
        section("Triads with a third actor");
        list(story.triads.map(function (t) { return el("li", text(t)); }));
        if (story.more_triads) { add(body, el("p", "and " + plural(story.more_triads, "more triad") + ", lighter.", "sub")); }
        section("What balance theory says");
        story.balance.forEach(function (line) { add(body, el("p", text(line))); });
        if (!P.camps) {
          add(body, el("p", "Colour the actors by camp (geograph render --color-by faction) to see whether their tie " +
                             "fits the best split or is under strain.", "sub"));
        }
        // the pair's other relations last: other kinds, other lines, or not in force that day (a long list)
        var others = pairRelations(first.pair).filter(function (rid) { return ids.indexOf(rid) < 0; });
        if (others.length) {
          section("Other relations of the pair (" + others.length + ")");
          list(others.map(function (rid) { return relationItem(rid, null); }));
        }
        return true;
      }

      function render(what) {
        while (body.firstChild) { body.removeChild(body.firstChild); }
        if (what.actor !== undefined) { showActor(what.actor); return true; }
        return showLine(what.line);
      }

      function open(what, moveFocus) {
        if (P === null) {
          P = typeof raw === "string" ? JSON.parse(raw) :
            raw || { actors: {}, relations: {}, pairs: [], texts: [], events: [], sources: {}, metrics: [], camps: false };
        }
        if (!render(what)) { return false; }
        shown = what;
        if (panel.hidden) { returnTo = document.activeElement; }
        panel.hidden = false;
        panel.scrollTop = 0;
        document.body.setAttribute("data-panel", what.actor !== undefined ? "actor:" + what.actor : "line:" + what.line);
        if (moveFocus) { title.focus({ preventScroll: true }); }
        return true;
      }
      function openActor(id, moveFocus) { return nodes.get(id) ? open({ actor: id }, moveFocus !== false) : false; }
      // A line by its id, or by the id of a relation it draws (one line per pair and kind holds several).
      function lineOf(id) {
        if (edges.get(id)) { return id; }
        var holding = edges.get({ filter: function (e) { return Boolean(e.relations) && e.relations.indexOf(id) >= 0; } });
        return holding.length ? holding[0].id : id;
      }
      function openLine(id, moveFocus) { return open({ line: lineOf(id) }, moveFocus !== false); }
      function close() {
        if (panel.hidden) { return; }
        panel.hidden = true;
        shown = null;
        document.body.removeAttribute("data-panel");
        var back = returnTo && returnTo !== document.body && document.contains(returnTo) ? returnTo : null;
        returnTo = null;
        if (back && back.focus) { back.focus({ preventScroll: true }); }
      }

      network.on("click", function (p) {
        if (p.nodes.length) { openActor(p.nodes[0], true); } else if (p.edges.length) { openLine(p.edges[0], true); } else { close(); }
      });
      document.getElementById("panel-close").addEventListener("click", close);
      document.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape" && !panel.hidden) { close(); }
      });
      // The search's Focus opens the actor's panel too (the page's own handlers, registered first,
      // have focused it; findActor finds the same actor again). A choice from the list opens it
      // without taking the keyboard from the search box.
      function openFound(moveFocus) { var id = findActor(search.value); if (id !== null) { openActor(id, moveFocus); } }
      document.getElementById("focus").addEventListener("click", function () { openFound(true); });
      search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { openFound(true); } });
      search.addEventListener("change", function () { if (search.value) { openFound(false); } });
      // The timeline marks relations not in force in the period shown: a new period redraws the panel.
      new MutationObserver(function () { if (shown) { render(shown); } })
        .observe(document.body, { attributes: true, attributeFilter: ["data-period"] });

      G.panel = { openActor: openActor, openLine: openLine, close: close,
                  shown: function () { return shown; } };
    })(DATA.panel);
