    // images and layouts for reports: Save PNG, Save SVG, Save layout (graph/render/figure.py draws the
    // same picture from Python). Each builds its file from what is showing: the actors and lines that
    // pass the filters, where they are now (dragged ones too), the title, the snapshot and the legend
    // as the page shows them. Every text goes in as textContent or an attribute, never as markup.
    var SVG_NS = "http://www.w3.org/2000/svg";
    var LEGEND_WIDTH = 300, HEAD = 64, PAD = 16;

    function fileBase() {
      return (document.title || "graph").replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 60) || "graph";
    }
    function download(name, href) {
      var link = document.createElement("a");
      link.download = name;
      link.href = href;
      document.body.appendChild(link);
      link.click();
      link.remove();
    }
    function textOf(id) {
      var el = document.getElementById(id);
      return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
    }
    function colourOf(value, fallback) {
      if (!value) { return fallback; }
      return typeof value === "string" ? value : (value.background || value.color || fallback);
    }

    // The outline of a vis-network shape of size r at (x, y), y downwards, as vis-network 9 draws it
    // (and as _shape in graph/render/figure.py does); null for a circle.
    function outline(shape, x, y, r) {
      var k, pts = [];
      if (shape === "square") { return [[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]]; }
      if (shape === "diamond") { return [[x, y - r], [x + r, y], [x, y + r], [x - r, y]]; }
      if (shape === "hexagon") {
        for (k = 0; k < 6; k++) { pts.push([x + r * Math.cos(k * Math.PI / 3), y + r * Math.sin(k * Math.PI / 3)]); }
        return pts;
      }
      if (shape === "triangle" || shape === "triangleDown") {
        var s = 2 * r, inner = Math.sqrt(3) / 6 * s, h = Math.sqrt(s * s - r * r), f = shape === "triangle" ? 1 : -1;
        return [[x, y - f * (h - inner)], [x + r, y + f * inner], [x - r, y + f * inner]];
      }
      if (shape === "star") {
        var rr = r * 0.82, yy = y + 0.1 * rr;
        for (k = 0; k < 10; k++) {
          var q = k % 2 === 0 ? rr * 1.3 : rr * 0.5;
          pts.push([x + q * Math.sin(k * Math.PI / 5), yy - q * Math.cos(k * Math.PI / 5)]);
        }
        return pts;
      }
      return null;
    }
    function points(pts) { return pts.map(function (p) { return p[0].toFixed(1) + "," + p[1].toFixed(1); }).join(" "); }

    // What is showing: visible actors with their current place, visible lines between them.
    function shown() {
      var at = network.getPositions();
      var list = nodes.get({ filter: function (n) { return !n.hidden && has(at, n.id); } });
      list.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
      var on = table();
      list.forEach(function (n) { on[n.id] = at[n.id]; });
      var lines = edges.get({ filter: function (e) { return !e.hidden && has(on, e.from) && has(on, e.to); } });
      return { nodes: list, at: on, edges: lines };
    }
    function bounds(view) {
      var box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
      measure.font = "15px sans-serif";
      view.nodes.forEach(function (n) {
        var p = view.at[n.id], r = n.size || 10, half = Math.max(r, measure.measureText(nameOf(n) || "").width / 2) + 8;
        box.x0 = Math.min(box.x0, p.x - half); box.x1 = Math.max(box.x1, p.x + half);
        box.y0 = Math.min(box.y0, p.y - r - 10); box.y1 = Math.max(box.y1, p.y + r + 28);
      });
      if (!view.nodes.length) { box = { x0: -100, y0: -100, x1: 100, y1: 100 }; }
      return box;
    }
    // A line's bend point, as vis-network draws it (its own via point when it has one).
    function via(e) {
      var body = network.body.edges[e.id];
      if (body && body.edgeType && typeof body.edgeType.getViaNode === "function") {
        var v = body.edgeType.getViaNode();
        if (v && isFinite(v.x) && isFinite(v.y) && (e.smooth && e.smooth.enabled)) { return { x: v.x, y: v.y }; }
      }
      return null;
    }

    // The legend as the page shows it: headings, entries with their swatch or line, and notes.
    function legendModel() {
      var out = [];
      document.querySelectorAll("#legend > h2, #legend > p.period, #legend > ul > li, #legend > p.note").forEach(function (el) {
        if (!el.getClientRects().length) { return; }
        var text = el.textContent.replace(/\s+/g, " ").trim();
        if (!text || /^Hover a node/.test(text)) { return; }
        if (el.tagName === "H2") { out.push({ heading: text }); return; }
        var item = { text: text };
        var swatch = el.querySelector(".swatch"), line = el.querySelector(".line");
        if (swatch) {
          var shape = ["dot", "square", "hexagon", "triangle", "triangleDown", "diamond", "star"].filter(function (s) {
            return swatch.classList.contains(s);
          })[0] || "square";
          var style = getComputedStyle(swatch);
          item.swatch = { shape: shape, colour: style.backgroundColor, dashed: style.borderTopStyle === "dashed" };
        } else if (line) {
          var ls = getComputedStyle(line);
          item.line = { style: ls.borderTopStyle, colour: ls.borderTopColor };
        }
        out.push(item);
      });
      return out;
    }
    var measure = document.createElement("canvas").getContext("2d");
    function wrap(text, font, width) {
      measure.font = font;
      var words = text.split(" "), lines = [], line = "";
      words.forEach(function (w) {
        var next = line ? line + " " + w : w;
        if (line && measure.measureText(next).width > width) { lines.push(line); line = w; } else { line = next; }
      });
      if (line) { lines.push(line); }
      return lines;
    }
    var DASH = { dashed: [6, 4], dotted: [2, 3], solid: [] };

    // -- SVG --------------------------------------------------------------------------------------
    function el(name, attrs, parent, text) {
      var node = document.createElementNS(SVG_NS, name);
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
      if (text !== undefined) { node.textContent = text; }
      if (parent) { parent.appendChild(node); }
      return node;
    }
    function svgText() {
      var view = shown(), box = bounds(view);
      var graphW = Math.max(600, container.clientWidth), graphH = Math.max(400, container.clientHeight);
      var scale = Math.min(graphW / (box.x1 - box.x0), graphH / (box.y1 - box.y0), 2);
      var width = graphW + LEGEND_WIDTH + 2 * PAD, legendRows = legendModel();
      var svg = el("svg", { xmlns: SVG_NS, version: "1.1", "font-family": "sans-serif" });
      el("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#ffffff" }, svg);
      el("text", { x: PAD, y: 28, "font-size": 20, "font-weight": "bold", fill: "#222222", "class": "title" }, svg,
         textOf("title"));
      el("text", { x: PAD, y: 50, "font-size": 13, fill: "#555555", "class": "subtitle" }, svg, textOf("subtitle"));
      var ox = PAD + (graphW - scale * (box.x1 - box.x0)) / 2 - scale * box.x0;
      var oy = HEAD + (graphH - scale * (box.y1 - box.y0)) / 2 - scale * box.y0;
      var g = el("g", { "class": "graph", transform: "translate(" + ox.toFixed(2) + " " + oy.toFixed(2) + ") scale(" +
                        scale.toFixed(5) + ")" }, svg);
      var lineLayer = el("g", { "class": "edges" }, g), nodeLayer = el("g", { "class": "nodes" }, g);
      var labelLayer = el("g", { "class": "labels" }, g);  // over every node, as the page draws names
      view.edges.forEach(function (e) { svgEdge(lineLayer, e, view.at[e.from], view.at[e.to], nodes.get(e.to)); });
      view.nodes.forEach(function (n) { svgNode(nodeLayer, labelLayer, n, view.at[n.id]); });
      var height = HEAD + graphH + PAD;
      var legendH = svgLegend(el("g", { "class": "legend", transform: "translate(" + (graphW + 2 * PAD) + " " + HEAD + ")" }, svg),
                              legendRows);
      height = Math.max(height, HEAD + legendH + PAD);
      svg.setAttribute("width", width);
      svg.setAttribute("height", height);
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg) + "\n";
    }
    function svgNode(layer, labels, n, p) {
      var c = n.color || {};
      var attrs = { "data-id": n.id, "class": "node", fill: colourOf(c, "#97c2fc"),
                    stroke: (typeof c === "object" && c.border) || "#333333", "stroke-width": n.borderWidth || 1 };
      if (n.shapeProperties && n.shapeProperties.borderDashes) { attrs["stroke-dasharray"] = n.shapeProperties.borderDashes.join(" "); }
      var opacity = G.nodeOpacity(n.id);
      if (opacity < 1) { attrs.opacity = opacity; }
      var pts = outline(n.shape, p.x, p.y, n.size || 10);
      if (pts) { attrs.points = points(pts); el("polygon", attrs, layer); } else {
        attrs.cx = p.x.toFixed(1); attrs.cy = p.y.toFixed(1); attrs.r = n.size || 10;
        el("circle", attrs, layer);
      }
      var name = nameOf(n);
      if (name) {
        el("text", { x: p.x.toFixed(1), y: (p.y + (n.size || 10) + 16).toFixed(1), "text-anchor": "middle", "font-size": 15,
                     fill: "#343434", "class": "label", opacity: opacity < 1 ? opacity : 1 }, labels, name);
      }
    }
    function svgEdge(layer, e, a, b, target) {
      var colour = colourOf(e.color, "#848484"), width = e.width || 1;
      var v = via(e);
      var end = b.x.toFixed(1) + " " + b.y.toFixed(1);
      var d = "M" + a.x.toFixed(1) + " " + a.y.toFixed(1) + (v ? " Q" + v.x.toFixed(1) + " " + v.y.toFixed(1) + " " : " L") + end;
      var opacity = G.edgeOpacity(e.id);
      if (e.shadow && e.shadow.enabled) {
        el("path", { d: d, fill: "none", stroke: e.shadow.color || "#ff9800", "stroke-width": width + 8, "stroke-opacity": 0.4,
                     "stroke-linecap": "round", "class": "halo" }, layer);
      }
      var attrs = { d: d, fill: "none", stroke: colour, "stroke-width": width, "data-id": e.id, "class": "edge" };
      if (e.dashes) { attrs["stroke-dasharray"] = (Array.isArray(e.dashes) ? e.dashes : [5, 5]).join(" "); }
      if (opacity < 1) { attrs.opacity = opacity; }
      el("path", attrs, layer);
      var arrows = e.arrows;
      if (arrows === "to" || (arrows && arrows.to && arrows.to.enabled)) {
        var from = v || a, ang = Math.atan2(b.y - from.y, b.x - from.x), r = (target && target.size) || 10;
        var tip = [b.x - r * Math.cos(ang), b.y - r * Math.sin(ang)], len = 8 + 2 * width;
        el("polygon", { points: points([tip, [tip[0] - len * Math.cos(ang - 0.4), tip[1] - len * Math.sin(ang - 0.4)],
                                              [tip[0] - len * Math.cos(ang + 0.4), tip[1] - len * Math.sin(ang + 0.4)]]),
                        fill: colour, "class": "arrow" }, layer);
      }
    }
    function svgLegend(layer, rows) {
      var y = 0, font = "12px sans-serif";
      rows.forEach(function (row) {
        if (row.heading) {
          y += 18;
          el("text", { x: 0, y: y, "font-size": 14, "font-weight": "bold", fill: "#222222", "class": "legend-heading" }, layer, row.heading);
          y += 6;
          return;
        }
        var indent = row.line ? 44 : row.swatch ? 26 : 0;
        var lines = wrap(row.text, font, LEGEND_WIDTH - indent);
        var top = y + 4;
        if (row.swatch) {
          var s = row.swatch, pts = outline(s.shape, 10, top + 8, 7);
          var attrs = { fill: s.colour, stroke: "#333333", "stroke-width": 1, "class": "legend-swatch" };
          if (s.dashed) { attrs["stroke-dasharray"] = "3 2"; }
          if (pts) { attrs.points = points(pts); el("polygon", attrs, layer); } else {
            attrs.cx = 10; attrs.cy = top + 8; attrs.r = 7; el("circle", attrs, layer);
          }
        } else if (row.line) {
          el("line", { x1: 0, y1: top + 8, x2: 34, y2: top + 8, stroke: row.line.colour, "stroke-width": 3,
                       "stroke-dasharray": (DASH[row.line.style] || []).join(" "), "class": "legend-line" }, layer);
        }
        lines.forEach(function (text, i) {
          el("text", { x: indent, y: top + 12 + 15 * i, "font-size": 12, fill: "#333333", "class": "legend-entry" }, layer, text);
        });
        y = top + 15 * lines.length + 2;
      });
      return y;
    }
    function saveSvg() {
      var text = svgText(), name = fileBase() + ".svg";
      download(name, "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text));
      return { name: name, text: text };
    }

    // -- PNG: the network's canvas, as drawn, under the title and beside the legend ---------------
    function savePng() {
      var source = container.querySelector("canvas");
      var ratio = source.width / Math.max(1, source.clientWidth);
      var rows = legendModel();
      var canvas = document.createElement("canvas");
      var legendH = pngLegend(null, rows, ratio);
      canvas.width = Math.round(source.width + (LEGEND_WIDTH + 2 * PAD) * ratio);
      canvas.height = Math.round(Math.max(source.height, legendH) + (HEAD + PAD) * ratio);
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = "#222222";
      ctx.font = "bold " + 20 * ratio + "px sans-serif";
      ctx.fillText(textOf("title"), PAD * ratio, 28 * ratio, canvas.width - 2 * PAD * ratio);
      ctx.fillStyle = "#555555";
      ctx.font = 13 * ratio + "px sans-serif";
      ctx.fillText(textOf("subtitle"), PAD * ratio, 50 * ratio, canvas.width - 2 * PAD * ratio);
      ctx.drawImage(source, 0, HEAD * ratio);
      ctx.save();
      ctx.translate(source.width + PAD * ratio, HEAD * ratio);
      pngLegend(ctx, rows, ratio);
      ctx.restore();
      var name = fileBase() + ".png", data = canvas.toDataURL("image/png");
      download(name, data);
      return { name: name, width: canvas.width, height: canvas.height, canvas: [source.width, source.height], data: data };
    }
    // Draws the legend (or, without a context, only measures it); returns its height in canvas pixels.
    function pngLegend(ctx, rows, ratio) {
      var y = 0, font = "12px sans-serif";
      rows.forEach(function (row) {
        if (row.heading) {
          y += 18;
          if (ctx) { ctx.fillStyle = "#222222"; ctx.font = "bold " + 14 * ratio + "px sans-serif"; ctx.fillText(row.heading, 0, y * ratio); }
          y += 6;
          return;
        }
        var indent = row.line ? 44 : row.swatch ? 26 : 0, lines = wrap(row.text, font, LEGEND_WIDTH - indent), top = y + 4;
        if (ctx && row.swatch) {
          var pts = outline(row.swatch.shape, 10 * ratio, (top + 8) * ratio, 7 * ratio);
          ctx.beginPath();
          if (pts) { pts.forEach(function (p, i) { if (i) { ctx.lineTo(p[0], p[1]); } else { ctx.moveTo(p[0], p[1]); } }); ctx.closePath(); }
          else { ctx.arc(10 * ratio, (top + 8) * ratio, 7 * ratio, 0, 2 * Math.PI); }
          ctx.fillStyle = row.swatch.colour; ctx.fill();
          ctx.setLineDash(row.swatch.dashed ? [3 * ratio, 2 * ratio] : []);
          ctx.strokeStyle = "#333333"; ctx.lineWidth = ratio; ctx.stroke();
          ctx.setLineDash([]);
        } else if (ctx && row.line) {
          ctx.beginPath(); ctx.moveTo(0, (top + 8) * ratio); ctx.lineTo(34 * ratio, (top + 8) * ratio);
          ctx.setLineDash((DASH[row.line.style] || []).map(function (v) { return v * ratio; }));
          ctx.strokeStyle = row.line.colour; ctx.lineWidth = 3 * ratio; ctx.stroke(); ctx.setLineDash([]);
        }
        if (ctx) {
          ctx.fillStyle = "#333333"; ctx.font = 12 * ratio + "px sans-serif";
          lines.forEach(function (text, i) { ctx.fillText(text, indent * ratio, (top + 12 + 15 * i) * ratio); });
        }
        y = top + 15 * lines.length + 2;
      });
      return y * ratio;
    }

    // -- Layout: every actor's place now, for render --positions (graph/positions.py reads it) ------
    function layoutText() {
      // vis-network keeps actors on whole pixels (it rounds the x and y it is given), so these are
      // exactly where the page draws them
      var at = network.getPositions();
      var ids = Object.keys(at).sort();
      var round = function (v) { return JSON.stringify(Math.round(v * 10) / 10); };
      // written by hand, not JSON.stringify of an object: an engine orders integer-like keys first
      return '{"format": "geograph-positions", "version": 1, "positions": {' + ids.map(function (id) {
        return JSON.stringify(id) + ": [" + round(at[id].x) + ", " + round(at[id].y) + "]";
      }).join(", ") + "}}\n";
    }
    function saveLayout() {
      var text = layoutText(), name = fileBase() + ".layout.json";
      download(name, "data:application/json;charset=utf-8," + encodeURIComponent(text));
      return { name: name, text: text };
    }

    document.getElementById("save-png").addEventListener("click", function () { savePng(); });
    document.getElementById("save-svg").addEventListener("click", function () { saveSvg(); });
    document.getElementById("save-layout").addEventListener("click", function () { saveLayout(); });
    G.savePng = savePng; G.saveSvg = saveSvg; G.saveLayout = saveLayout;
