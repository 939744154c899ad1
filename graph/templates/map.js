    // the map: a world outline under the graph on pages drawn with the geo layout
    // (graph/geo.py). The outline is in canvas coordinates, so it pans and zooms with the graph;
    // each frame draws only the countries and borders whose box meets the view.
    if (DATA.map) {
      var MAP = DATA.map;
      var boxOf = function (a) {
        var box = [Infinity, Infinity, -Infinity, -Infinity];
        for (var i = 0; i < a.length; i += 2) {
          if (a[i] < box[0]) { box[0] = a[i]; }
          if (a[i + 1] < box[1]) { box[1] = a[i + 1]; }
          if (a[i] > box[2]) { box[2] = a[i]; }
          if (a[i + 1] > box[3]) { box[3] = a[i + 1]; }
        }
        return box;
      };
      var union = function (box, b) {
        return [Math.min(box[0], b[0]), Math.min(box[1], b[1]), Math.max(box[2], b[2]), Math.max(box[3], b[3])];
      };
      var arcBox = MAP.arcs.map(boxOf);
      var countryBox = MAP.countries.map(function (c) {
        var box = [Infinity, Infinity, -Infinity, -Infinity];
        c.rings.forEach(function (ring) { ring.forEach(function (k) { box = union(box, arcBox[k < 0 ? ~k : k]); }); });
        (c.cut || []).forEach(function (points) { box = union(box, boxOf(points)); });
        return box;
      });
      var meets = function (b, v) { return b[0] <= v[2] && b[2] >= v[0] && b[1] <= v[3] && b[3] >= v[1]; };
      // a ring joins arcs as TopoJSON does: ~k is arc k reversed, and each arc after the first
      // starts where the one before it ended
      var traceRing = function (ctx, ring) {
        ring.forEach(function (k, n) {
          var a = MAP.arcs[k < 0 ? ~k : k];
          var count = a.length / 2;
          for (var i = n === 0 ? 0 : 1; i < count; i++) {
            var p = k < 0 ? count - 1 - i : i;
            if (n === 0 && i === 0) { ctx.moveTo(a[2 * p], a[2 * p + 1]); } else { ctx.lineTo(a[2 * p], a[2 * p + 1]); }
          }
        });
        ctx.closePath();
      };
      // a ring cut at the antimeridian (Russia, Fiji, Antarctica) comes as its own points
      var tracePoints = function (ctx, a) {
        ctx.moveTo(a[0], a[1]);
        for (var j = 2; j < a.length; j += 2) { ctx.lineTo(a[j], a[j + 1]); }
        ctx.closePath();
      };
      var mapView = function () {
        var from = network.DOMtoCanvas({ x: 0, y: 0 });
        var to = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
        return [from.x, from.y, to.x, to.y];
      };
      G.map = { outline: MAP, countriesDrawn: 0 };
      network.on("beforeDrawing", function (ctx) {
        var view = mapView();
        var scale = network.getScale();
        ctx.save();
        ctx.beginPath();
        tracePoints(ctx, MAP.sphere);
        ctx.fillStyle = "#eef3f7";
        ctx.fill();
        ctx.fillStyle = "#e3e3de";
        var drawn = 0;
        MAP.countries.forEach(function (c, i) {
          if (!meets(countryBox[i], view)) { return; }
          ctx.beginPath();
          c.rings.forEach(function (ring) { traceRing(ctx, ring); });
          (c.cut || []).forEach(function (points) { tracePoints(ctx, points); });
          ctx.fill("evenodd");
          drawn++;
        });
        // every border and coast once, 0.8 screen pixels wide at any zoom
        ctx.beginPath();
        MAP.arcs.forEach(function (a, i) {
          if (!meets(arcBox[i], view)) { return; }
          ctx.moveTo(a[0], a[1]);
          for (var j = 2; j < a.length; j += 2) { ctx.lineTo(a[j], a[j + 1]); }
        });
        ctx.lineWidth = 0.8 / scale;
        ctx.strokeStyle = "#a9a9a4";
        ctx.lineJoin = "round";
        ctx.stroke();
        // the actors with nothing to place them by sit on a panel of their own, not on a country
        var aside = MAP.beside;
        if (aside) {
          var b = aside.box;
          ctx.fillStyle = "rgba(255, 255, 255, 0.92)";
          ctx.strokeStyle = "#888";
          ctx.lineWidth = 1 / scale;
          ctx.setLineDash([4 / scale, 3 / scale]);
          ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
          ctx.strokeRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
          ctx.setLineDash([]);
          ctx.fillStyle = "#555";
          ctx.font = "13px sans-serif";
          ctx.textBaseline = "top";
          ctx.fillText(aside.label, b[0] + 8, b[1] + 6);
        }
        ctx.restore();
        G.map.countriesDrawn = drawn;
      });
      // names sit over coasts and borders: a white halo keeps them readable
      network.setOptions({ nodes: { font: { strokeWidth: 4, strokeColor: "rgba(255, 255, 255, 0.85)" } } });
      // the sources' credit, in the top left corner of the view, the one in sight when the page
      // opens (and a saved PNG carries it too)
      network.on("afterDrawing", function (ctx) {
        var ratio = ctx.canvas.width / (ctx.canvas.clientWidth || ctx.canvas.width);
        ctx.save();
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.font = "11px sans-serif";
        ctx.textBaseline = "top";
        var width = ctx.measureText(MAP.attribution).width;
        ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
        ctx.fillRect(2, 2, width + 8, 17);
        ctx.fillStyle = "#444";
        ctx.fillText(MAP.attribution, 6, 5);
        ctx.restore();
      });
    }
