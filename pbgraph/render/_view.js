(function (rootId) {
  "use strict";
  var root = document.getElementById(rootId);
  var dataElement = document.getElementById(rootId + "-data");
  if (!root || !dataElement || !window.vis || root.hasAttribute("data-mounted")) {
    return;
  }
  root.setAttribute("data-mounted", "");

  // the payload is compact (rows of arrays, shared tables) so that 50k nodes parse fast; a big page's payload
  // is deflated and base64-encoded (a third of the bytes to read); see _html.py
  performance.mark(rootId + ":start");
  if (dataElement.getAttribute("data-encoding") === "deflate-base64") {
    if (typeof DecompressionStream !== "function") {
      root.querySelector(".pbg-status").textContent = dataElement.getAttribute("data-old-browser");
      return;
    }
    var bytes = atob(dataElement.textContent);
    var buffer = new Uint8Array(bytes.length);
    for (var b = 0; b < bytes.length; b++) buffer[b] = bytes.charCodeAt(b);
    new Response(new Blob([buffer]).stream().pipeThrough(new DecompressionStream("deflate"))).text()
      .then(function (text) { mount(JSON.parse(text)); });
  } else {
    mount(JSON.parse(dataElement.textContent));
  }

  function mount(data) {
    performance.mark(rootId + ":parsed");
    var L = data.labels;
    var S = data.strings; // tooltip values and gap flags, by number
    var rows = data.nodes; // [id, label, x, y, color, shape, size, flag (-1: none), tooltip, attrs, parent, flags, gaps]
    var erows = data.edges; // [source, target, color, dashes, width, tooltip, arrows, liaison]
    var n = rows.length;
    var m = erows.length;
    var RESERVE = 1;
    var SATELLITE = 2;
    var TITLE = 4;
    var OUTLINE = "#1f2328";
    var HALO = data.halo[0];
    var HALO_EDGE = data.halo[1];
    var DIM = 0.12;
    var isPage = !root.classList.contains("pbg-fragment");
    var font = getComputedStyle(root).getPropertyValue("--pbg-font").trim() || "sans-serif";

    function fmt(template, values) {
      return String(template).replace(/\{(\w+)\}/g, function (match, key) {
        return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
      });
    }

    // every data value reaches the page through textContent, never innerHTML
    function el(tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined && text !== null) node.textContent = text;
      return node;
    }

    // -- structure: super-nodes and their children, reserve nodes, adjacency -------------------------------
    var parent = new Int32Array(n);
    var hasChildren = new Uint8Array(n);
    var childCount = new Int32Array(n);
    var anyFolded = false;
    var indexOf = null;
    for (var i = 0; i < n; i++) {
      parent[i] = rows[i][10];
      if (parent[i] >= 0) {
        hasChildren[parent[i]] = 1;
        childCount[parent[i]]++;
        anyFolded = true;
      }
      if (rows[i][11] & RESERVE) anyFolded = true;
    }
    function idIndex(id) {
      if (indexOf === null) {
        indexOf = Object.create(null);
        for (var k = 0; k < n; k++) indexOf[rows[k][0]] = k;
      }
      var found = indexOf[id];
      return found === undefined ? -1 : found;
    }
    // compressed adjacency of every edge, both directions (edge numbers alongside)
    var degree = new Int32Array(n + 1);
    for (var j = 0; j < m; j++) {
      degree[erows[j][0] + 1]++;
      degree[erows[j][1] + 1]++;
    }
    for (var k = 0; k < n; k++) degree[k + 1] += degree[k];
    var adjNode = new Int32Array(2 * m);
    var adjEdge = new Int32Array(2 * m);
    (function () {
      var fill = degree.slice(0, n);
      for (var j = 0; j < m; j++) {
        var s = erows[j][0];
        var t = erows[j][1];
        adjNode[fill[s]] = t;
        adjEdge[fill[s]++] = j;
        adjNode[fill[t]] = s;
        adjEdge[fill[t]++] = j;
      }
    })();

    // -- what is drawn: each node's representative (itself, the collapsed super-node holding it, or none) ----
    var expanded = new Uint8Array(n);
    var revealed = new Uint8Array(n);
    var revealedBy = new Int32Array(n).fill(-1);
    var rep = new Int32Array(n);
    var repDone = new Uint8Array(n);
    var EXPANDED = -2;
    function repOf(i) {
      if (repDone[i]) return rep[i];
      var own = (rows[i][11] & RESERVE) && !revealed[i] ? -1 : expanded[i] && hasChildren[i] ? EXPANDED : i;
      var p = parent[i];
      var value = own;
      if (p >= 0) {
        var up = repOf(p);
        value = up === EXPANDED ? own : up === -1 ? -1 : up;
      }
      repDone[i] = 1;
      rep[i] = value;
      return value;
    }
    function computeReps() {
      repDone.fill(0);
      for (var i = 0; i < n; i++) repOf(i);
    }

    // a folded node's label, and on rings or in a view of a few hundred nodes every node's, is drawn by the view
    // itself (drawLabels), not by vis: vis hides a label below 6 px on the screen, so a township or sector whose
    // members lie far apart opened as unnamed dots
    var ringView = data.rings.length > 0;
    var OWN_LABELS_UP_TO = 400;
    var fewNodes = !data.big && n <= OWN_LABELS_UP_TO;
    // vis draws these shapes around their label (the org view's boxes): theirs stay vis's
    var LABEL_INSIDE = {box: 1, ellipse: 1, circle: 1, database: 1, text: 1};
    function ownLabel(i) {
      if (hasChildren[i] === 1) return true;
      return (ringView || (fewNodes && !LABEL_INSIDE[data.shapes[rows[i][5]]])) && rows[i][1] !== "";
    }
    function visNode(i) {
      var r = rows[i];
      var fill = data.colors[r[4]];
      return {
        id: i, label: ownLabel(i) ? undefined : r[1], x: r[2], y: r[3], shape: data.shapes[r[5]], size: r[6],
        color: {
          background: fill, border: "#ffffff",
          highlight: {background: fill, border: OUTLINE}, hover: {background: fill, border: OUTLINE}
        },
        borderWidth: hasChildren[i] ? 2 : 1, borderWidthSelected: 3,
        font: i === focusIndex ? {size: 18, bold: true} : undefined
      };
    }
    function visEdge(j) {
      var e = erows[j];
      var stroke = data.colors[timed(j) ? edgeColorAt(j) : e[2]];
      return {
        id: "e" + j, from: e[0], to: e[1], dashes: e[3] === 1, width: e[4], hidden: timed(j) && notYet(j),
        color: {color: stroke, highlight: stroke, hover: stroke, inherit: false},
        arrows: {to: {enabled: e[6] === 1 && arrowsShown, scaleFactor: 0.45}}
      };
    }
    // edges between drawn nodes: an edge whose end is folded joins the super-node, one edge per pair
    // (wanted[j] says whether edge j is drawn as itself; the folded ones are returned, by pair)
    var wanted = new Uint8Array(m);
    function wantedEdges() {
      var folded = Object.create(null);
      for (var j = 0; j < m; j++) {
        var e = erows[j];
        var a = rep[e[0]];
        var b = rep[e[1]];
        wanted[j] = 0;
        if (a < 0 || b < 0 || a === b) continue;
        if (a === e[0] && b === e[1]) {
          wanted[j] = 1;
        } else {
          var key = "a" + a + "-" + b;
          var prev = folded[key];
          if (prev === undefined) folded[key] = {from: a, to: b, count: 1, first: j};
          else prev.count++;
        }
      }
      return folded;
    }
    function aggregateEdge(id, agg) {
      var stroke = data.colors[erows[agg.first][2]];
      return {
        id: id, from: agg.from, to: agg.to, width: Math.min(8, 1 + Math.log2(agg.count)),
        color: {color: stroke, highlight: stroke, hover: stroke, inherit: false, opacity: 0.8},
        arrows: {to: {enabled: arrowsShown, scaleFactor: 0.45}}, count: agg.count
      };
    }

    // -- the time control's data: per liaison edge, since (-1: none), activity days, colour when active --------
    // (edge rows then hold [.., since, day differences, live colour, counts, kind in words])
    var T = data.time;
    var timeDay = T ? T.last : 0;
    var timeStart = T ? periodStart(T.last) : 0;
    var actDays = [];
    if (T) {
      for (var ja = 0; ja < m; ja++) {
        var deltas = erows[ja][9];
        var days = [];
        for (var da = 0, at = 0; da < deltas.length; da++) days.push(at += deltas[da]);
        actDays.push(days);
      }
    }
    function timed(j) {
      return T !== null && erows[j].length > 8;
    }
    function dayText(day) {
      return new Date(day * 864e5).toISOString().slice(0, 10);
    }
    // the first day of the period that ends on `day`: the same day T.months months before, plus one day
    // (a day past the month's end is its last day, as the analyses count)
    function periodStart(day) {
      var d = new Date(day * 864e5);
      var month = d.getUTCMonth() - T.months;
      var year = d.getUTCFullYear() + Math.floor(month / 12);
      month = ((month % 12) + 12) % 12;
      var lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      return Math.round(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / 864e5) + 1;
    }
    function notYet(j) {
      var since = erows[j][8];
      return since >= 0 && since > timeDay;
    }
    // the last activity up to the chosen day, or -1
    function lastActivity(j) {
      var days = actDays[j];
      var found = -1;
      for (var k = 0; k < days.length && days[k] <= timeDay; k++) found = days[k];
      return found;
    }
    function dormantAt(j) {
      return erows[j][11] === 1 && lastActivity(j) < timeStart;
    }
    function edgeColorAt(j) {
      return dormantAt(j) ? T.dormant : erows[j][10];
    }
    function edgeTimeText(j) {
      var last = lastActivity(j);
      return S[erows[j][12]] + (dormantAt(j) ? " · " + L.time_dormant : "") + " · " +
        (last >= 0 ? fmt(L.time_last, {date: dayText(last)}) : L.time_never);
    }

    var focusIndex = data.focus;
    var ARROW_SCALE = 0.3;
    var arrowsShown = true;
    computeReps();
    var drawn = new Uint8Array(n);
    var initialNodes = [];
    for (var d = 0; d < n; d++) {
      if (rep[d] === d) {
        drawn[d] = 1;
        initialNodes.push(visNode(d));
      }
    }
    var initialEdges = [];
    // what is drawn: edges as themselves (by number), folded edges (by id, with the count they stand for)
    var edgeOn = new Uint8Array(m);
    var edgeCounts = Object.create(null);
    if (anyFolded) {
      var first = wantedEdges();
      for (var q = 0; q < m; q++) {
        if (wanted[q]) {
          edgeOn[q] = 1;
          initialEdges.push(visEdge(q));
        }
      }
      for (var key in first) {
        edgeCounts[key] = first[key].count;
        initialEdges.push(aggregateEdge(key, first[key]));
      }
    } else {
      edgeOn.fill(1);
      for (var q2 = 0; q2 < m; q2++) initialEdges.push(visEdge(q2));
    }
    var nodes = new vis.DataSet(initialNodes);
    var edges = new vis.DataSet(initialEdges);

    var big = data.big;
    var options = {
      autoResize: true,
      layout: {randomSeed: 0, improvedLayout: false},
      physics: data.physics ? {enabled: true, stabilization: {enabled: true, iterations: 200, fit: true}} : false,
      interaction: {
        hover: true, tooltipDelay: 150, hideEdgesOnDrag: true, hideEdgesOnZoom: big,
        keyboard: false, multiselect: false, navigationButtons: false, selectConnectedEdges: !big,
        zoomView: true, dragView: true
      },
      nodes: {
        font: {face: font, size: 14, color: OUTLINE, strokeWidth: 3, strokeColor: "#ffffff"},
        scaling: {label: {drawThreshold: 6}}
      },
      edges: {
        smooth: data.hierarchical && !big ? {type: "cubicBezier", forceDirection: "vertical", roundness: 0.4} : false,
        selectionWidth: 1.5, hoverWidth: 0.5
      }
    };
    performance.mark(rootId + ":prepared");
    var container = root.querySelector(".pbg-net");
    var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
    var ready = false;
    network.once("afterDrawing", function () {
      var now = performance.now();
      ready = true;
      root.setAttribute("data-ready", now.toFixed(1));
      window.__pbgraphReady = now;
      // after vis's own first fit, which may follow the first frame
      setTimeout(restoreCamera, 0);
    });

    // -- rings (reach hops) under the graph, gap halos and badges over it -----------------------------------
    // arrowheads are drawn only where they can be seen: zoomed out, each is a sub-pixel speck that costs more
    // to draw than its line (the first frame of a big view stays cheap, zooming in brings them back)
    function showArrows(scale) {
      var on = scale >= ARROW_SCALE;
      if (on === arrowsShown) return;
      arrowsShown = on;
      var body = network.body.edges;
      for (var id in body) {
        var edge = body[id];
        edge.options.arrows.to.enabled = on && (id.charAt(0) !== "e" || erows[Number(id.slice(1))][6] === 1);
      }
    }
    // the hops' titles lie in one column over the centre. Zoomed out on a big reach the outer hops lay 13 px
    // apart, their titles one on the next: a title that would lie closer to one drawn than a line's height
    // is left out, the selected node's hop and the hovered one's first, then the first and the last hop, then
    // the others from the centre out. Their glyphs' boxes (canvas units) keep other labels off (drawLabels)
    var titleBoxes = [];
    function shownTitles(scale) {
      var rings = data.rings, line = 13 * 1.25 / scale, shown = [];
      var order = [selected, hovered].filter(function (i) {
        return i >= 0 && Math.hypot(rows[i][2], rows[i][3]) > 1;
      }).map(ringOf);
      order.push(0, rings.length - 1);
      for (var k = 1; k < rings.length - 1; k++) order.push(k);
      order.forEach(function (k) {
        var clear = k < rings.length && shown.every(function (j) {
          return j !== k && Math.abs(rings[k][0] - rings[j][0]) >= line;
        });
        if (clear) shown.push(k);
      });
      return shown;
    }
    network.on("beforeDrawing", function (ctx) {
      showArrows(network.getScale());
      titleBoxes = [];
      if (!data.rings.length) return;
      var scale = network.getScale();
      ctx.save();
      ctx.strokeStyle = "#c8ced6";
      ctx.fillStyle = "#57606a";
      ctx.lineWidth = 1.2 / scale;
      ctx.setLineDash([6 / scale, 5 / scale]);
      ctx.font = (13 / scale) + "px " + font;
      ctx.textAlign = "center";
      ctx.textBaseline = "alphabetic";
      data.rings.forEach(function (ring) {
        ctx.beginPath();
        ctx.arc(0, 0, ring[0], 0, 2 * Math.PI);
        ctx.stroke();
      });
      shownTitles(scale).forEach(function (k) {
        var title = data.rings[k][1], base = -data.rings[k][0] - 5 / scale, glyphs = ctx.measureText(title);
        ctx.fillText(title, 0, base);
        titleBoxes.push([-glyphs.width / 2, base - glyphs.actualBoundingBoxAscent, glyphs.width / 2,
          base + glyphs.actualBoundingBoxDescent]);
      });
      ctx.restore();
    });
    var gapNodes = [];
    for (var g = 0; g < n; g++) if (rows[g][7] >= 0 || rows[g][12].length) gapNodes.push(g);
    var dimmed = null; // Uint8Array of dimmed nodes while something is selected
    function drawSymbol(ctx, symbol, x, y, r) {
      ctx.beginPath();
      if (symbol === "cross" || symbol === "plus") {
        // a thick plus (turned 45 degrees for the cross): twelve corners
        var turn = symbol === "cross" ? Math.PI / 4 : 0;
        var w = r * 0.38;
        var corners = [[-w, -r], [w, -r], [w, -w], [r, -w], [r, w], [w, w], [w, r], [-w, r], [-w, w], [-r, w],
          [-r, -w], [-w, -w]];
        var c = Math.cos(turn), sn = Math.sin(turn);
        for (var k = 0; k < corners.length; k++) {
          var px = x + corners[k][0] * c - corners[k][1] * sn;
          var py = y + corners[k][0] * sn + corners[k][1] * c;
          if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        }
      } else if (symbol === "diamond") {
        ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y);
      } else if (symbol === "triangle") {
        ctx.moveTo(x, y - r); ctx.lineTo(x + r * 0.95, y + r * 0.75); ctx.lineTo(x - r * 0.95, y + r * 0.75);
      } else if (symbol === "square") {
        ctx.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
      } else { // star
        for (var p = 0; p < 10; p++) {
          var rr = p % 2 ? r * 0.45 : r * 1.1;
          var an = -Math.PI / 2 + p * Math.PI / 5;
          if (p === 0) ctx.moveTo(x + rr * Math.cos(an), y + rr * Math.sin(an));
          else ctx.lineTo(x + rr * Math.cos(an), y + rr * Math.sin(an));
        }
      }
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
    network.on("afterDrawing", function (ctx) {
      if (!gapNodes.length) return;
      var scale = network.getScale();
      var body = network.body.nodes;
      ctx.save();
      for (var k = 0; k < gapNodes.length; k++) {
        var i = gapNodes[k];
        var node = body[i];
        if (!drawn[i] || !node || node.options.hidden) continue;
        ctx.globalAlpha = dimmed && dimmed[i] ? DIM : 1;
        var size = rows[i][6];
        var halo = Math.max(3.5 / scale, size * 0.3);
        ctx.lineWidth = halo;
        ctx.strokeStyle = HALO;
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.arc(node.x, node.y, size + halo * 0.9, 0, 2 * Math.PI);
        ctx.stroke();
        ctx.lineWidth = Math.max(1 / scale, halo * 0.25);
        ctx.strokeStyle = HALO_EDGE;
        ctx.beginPath();
        ctx.arc(node.x, node.y, size + halo * 1.5, 0, 2 * Math.PI);
        ctx.stroke();
        var badge = Math.max(5 / scale, size * 0.45);
        var symbols = rows[i][12];
        ctx.fillStyle = OUTLINE;
        ctx.strokeStyle = "#ffffff";
        ctx.lineWidth = Math.max(1 / scale, badge * 0.2);
        for (var b = 0; b < symbols.length; b++) {
          drawSymbol(ctx, data.gapSymbols[symbols[b]], node.x + size + halo * 1.5 + badge * (1 + 2.2 * b),
            node.y - size - halo, badge);
        }
      }
      ctx.restore();
    });

    // -- labels drawn by the view: readable at any zoom, never on top of each other ------------------------------
    // vis shrinks a label with the zoom and below 6 px draws a pale speck, and draws each label under its node
    // whatever lies there: zoomed out to a city or a province the folded committees were unreadable, and on a
    // member's rings the long names of organizations side by side covered each other. The view draws those
    // labels itself (a folded node's everywhere, every node's on rings), each at its own size but at least
    // LABEL_PX on the screen (at most vis's 30): the selected and the hovered node first, then the nodes not
    // dimmed, the centre and the inner rings before the outer ones, biggest first. A label that would cover
    // one already drawn (or a ring's title) is left out: zooming in brings it back, and the node's name is in
    // its tooltip and panel. On rings a label lies outward from the centre (right of a node on the right, above
    // one at the top), up to three lines further out when it would cover another. Widths are measured once.
    var LABEL_PX = 11;
    var labelOrder = [];
    for (var f = 0; f < n; f++) if (ownLabel(f)) labelOrder.push(f);
    function ringOf(i) {
      var r = Math.hypot(rows[i][2], rows[i][3]);
      var k = 0;
      while (k < data.rings.length && data.rings[k][0] < r - 1) k++;
      return k;
    }
    labelOrder.sort(function (a, b) {
      return (ringView ? ringOf(a) - ringOf(b) : 0) || rows[b][6] - rows[a][6] || a - b;
    });
    var labelWidth = new Float64Array(n).fill(-1);
    var labelsDrawn = [];
    var hovered = -1;
    function labelText(i) {
      return hasChildren[i] ? rows[i][1] + " ▸" : rows[i][1];
    }
    // boxes [x0, y0, x1, y1] taken on the canvas, by cells of a grid: does a box cover none, take it
    function boxGrid(cell) {
      var grid = Object.create(null);
      function keys(box) {
        var out = [];
        for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
          for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) out.push(gx + ":" + gy);
        }
        return out;
      }
      return {
        clear: function (box) {
          return keys(box).every(function (key) {
            return (grid[key] || []).every(function (o) {
              return !(box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]);
            });
          });
        },
        take: function (box) {
          keys(box).forEach(function (key) { (grid[key] = grid[key] || []).push(box); });
        }
      };
    }
    function drawLabel(ctx, i, scale, taken) {
      var node = network.body.nodes[i];
      if (!drawn[i] || !node || node.options.hidden) return;
      var base = hasChildren[i] ? Math.max(14, rows[i][6] * 0.32) : i === focusIndex ? 18 : 14;
      var px = Math.min(30, Math.max(base * scale, LABEL_PX));
      var size = px / scale;
      if (labelWidth[i] < 0) {
        ctx.font = "600 100px " + font;
        labelWidth[i] = ctx.measureText(labelText(i)).width / 100;
      }
      var w = labelWidth[i] * size;
      var h = size * 1.25;
      // the way from the node to its label (ux, uy: a unit vector), and where the box lies from the point
      // reached (ax, ay: -1 before it, 0 centred, 1 after it; a corner at a diagonal)
      var ux = 0, uy = 1;
      var r = Math.hypot(node.x, node.y);
      if (ringView && r > 1) {
        ux = node.x / r;
        uy = node.y / r;
      }
      var most = Math.max(Math.abs(ux), Math.abs(uy));
      var ax = ux / most, ay = uy / most;
      for (var t = 0; t < (ringView ? 4 : 1); t++) {
        var away = rows[i][6] + 3 / scale + t * h;
        var x0 = node.x + ux * away - w * (1 - ax) / 2;
        var y0 = node.y + uy * away - h * (1 - ay) / 2;
        var box = [x0, y0, x0 + w, y0 + h];
        if (!taken.clear(box)) continue;
        taken.take(box);
        ctx.font = (i === selected || i === focusIndex ? "600 " : "") + size + "px " + font;
        ctx.lineWidth = size * 0.22;
        ctx.fillStyle = dimmed && dimmed[i] ? DIM_LABEL : OUTLINE;
        ctx.strokeText(labelText(i), x0, y0);
        ctx.fillText(labelText(i), x0, y0);
        labelsDrawn.push([rows[i][0], px, box, i]);
        return;
      }
    }
    function drawLabels(ctx) {
      labelsDrawn = [];
      if (!labelOrder.length) return;
      var scale = network.getScale();
      var taken = boxGrid(64 / scale);
      ctx.save();
      // the rings' titles drawn (under the graph, see above) keep their place from every other label; the
      // selected and the hovered node's label is drawn all the same (zoomed out, a title spans a hop's top)
      ctx.textAlign = "left";
      ctx.textBaseline = "top";
      ctx.lineJoin = "round";
      ctx.strokeStyle = "#ffffff";
      if (selected >= 0 && ownLabel(selected)) drawLabel(ctx, selected, scale, taken);
      if (hovered >= 0 && hovered !== selected && ownLabel(hovered)) drawLabel(ctx, hovered, scale, taken);
      titleBoxes.forEach(taken.take);
      for (var pass = 0; pass < 2; pass++) {
        for (var k = 0; k < labelOrder.length; k++) {
          var i = labelOrder[k];
          if (i === selected || i === hovered || (dimmed !== null && dimmed[i] === 1) !== (pass === 1)) continue;
          drawLabel(ctx, i, scale, taken);
        }
      }
      ctx.restore();
    }
    network.on("afterDrawing", drawLabels);

    // -- tooltips, built on first hover; they close when the pointer leaves -----------------------------
    // a node's tooltip is [schema, value…]: the schema lists the keys; a value is a string number, or -1 for
    // the node's label and -2 for its id
    function tipValue(i, v) {
      return v === -1 ? rows[i][1] : v === -2 ? rows[i][0] : S[v];
    }
    function tipFields(i) {
      var tip = rows[i][8];
      var keys = data.tipSchemas[tip[0]];
      var out = [];
      for (var k = 0; k < keys.length; k++) out.push(data.tipKeys[keys[k]], tipValue(i, tip[k + 1]));
      return out;
    }
    var nodeTitled = new Uint8Array(n);
    function nodeTooltip(index) {
      var r = rows[index];
      var box = el("div", "pbg-tip");
      box.appendChild(el("div", "pbg-tip-title", r[1]));
      if (r[7] >= 0) box.appendChild(el("div", "pbg-tip-flag", S[r[7]]));
      var fields = tipFields(index);
      for (var k = 0; k < fields.length; k += 2) {
        var line = el("div", "pbg-tip-line");
        line.appendChild(el("span", "pbg-tip-key", fields[k] + L.tooltip_separator));
        line.appendChild(el("span", "pbg-tip-value", fields[k + 1]));
        box.appendChild(line);
      }
      return box;
    }
    network.on("hoverNode", function (params) {
      hovered = params.node;
      if (!nodeTitled[params.node]) {
        nodeTitled[params.node] = 1;
        nodes.update({id: params.node, title: nodeTooltip(params.node)});
      }
    });
    var edgeTitled = Object.create(null); // replaced when the day changes
    network.on("hoverEdge", function (params) {
      var id = params.edge;
      if (edgeTitled[id]) return;
      var j = id.charAt(0) === "e" ? Number(id.slice(1)) : -1;
      var text = j < 0 ? fmt(L.edges_folded, {count: edgeCounts[id]}) : timed(j) ? edgeTimeText(j) : S[erows[j][5]];
      if (text !== "") {
        edgeTitled[id] = 1;
        edges.update({id: id, title: el("div", "pbg-tip", text)});
        if (j >= 0 && timed(j)) styleEdge(j);
      }
    });
    function hideTooltip() {
      var tip = root.querySelector("div.vis-tooltip");
      if (tip) tip.style.visibility = "hidden";
    }
    container.addEventListener("mouseleave", hideTooltip);
    network.on("blurNode", function () {
      hovered = -1;
      hideTooltip();
    });
    network.on("dragStart", hideTooltip);

    // -- syncing the drawn graph after expand/collapse ---------------------------------------------------
    var batching = false;
    var changedData = false;
    var emit = network.body.emitter.emit;
    network.body.emitter.emit = function (name) {
      if (batching && name === "_dataChanged") {
        changedData = true;
        return this;
      }
      return emit.apply(this, arguments);
    };
    var shownCount = root.querySelector(".pbg-shown");
    // draws what is to be drawn now, then the selection over it; returns the nodes it added
    function sync() {
      computeReps();
      var addNodes = [];
      var added = [];
      var removeNodes = [];
      for (var i = 0; i < n; i++) {
        var want = rep[i] === i ? 1 : 0;
        if (want !== drawn[i]) {
          drawn[i] = want;
          if (want) {
            nodeTitled[i] = 0;
            // a node added is drawn undimmed; one that stays keeps its dimming until the selection redoes it
            if (dimmed) dimmed[i] = 0;
            addNodes.push(visNode(i));
            added.push(i);
          } else removeNodes.push(i);
        }
      }
      var folded = wantedEdges();
      var removeEdges = [];
      var addEdges = [];
      for (var j = 0; j < m; j++) {
        if (wanted[j] === edgeOn[j]) continue;
        edgeOn[j] = wanted[j];
        if (wanted[j]) addEdges.push(visEdge(j));
        else removeEdges.push("e" + j);
      }
      for (var id in edgeCounts) {
        if (!(id in folded)) {
          removeEdges.push(id);
          delete edgeCounts[id];
        }
      }
      for (var key in folded) {
        var w = folded[key];
        if (edgeCounts[key] !== w.count) {
          if (key in edgeCounts) removeEdges.push(key);
          edgeCounts[key] = w.count;
          delete edgeTitled[key];
          addEdges.push(aggregateEdge(key, w));
        }
      }
      // vis recomputes its whole state after each DataSet change: held back to once for the four
      batching = true;
      try {
        if (removeEdges.length) edges.remove(removeEdges);
        if (removeNodes.length) nodes.remove(removeNodes);
        if (addNodes.length) nodes.add(addNodes);
        if (addEdges.length) edges.add(addEdges);
      } finally {
        batching = false;
      }
      if (changedData) {
        changedData = false;
        emit.call(network.body.emitter, "_dataChanged");
      }
      updateFilterCounts();
      applyFilters();
      // every change of what is drawn (double-click, the panel's button, a fold from inside, search, the URL)
      // passes here: the selected node's panel is written anew, so its button says what it will do now
      if (selected >= 0) select(selected);
      return added;
    }

    // what opening a super-node drew, brought into view: when some of it lies outside the canvas, or all of
    // it takes less than a quarter of the canvas each way (too small to read), the view moves and zooms to
    // frame it (vis never zooms in past 1:1 to fit). Neighbours shown from the reserve appear beside the node
    // double-clicked, and the view stays where it is (a second double-click there hides them again)
    function frame(shown) {
      if (!shown.length) return;
      var at = network.getPositions(shown);
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var id in at) {
        x0 = Math.min(x0, at[id].x);
        y0 = Math.min(y0, at[id].y);
        x1 = Math.max(x1, at[id].x);
        y1 = Math.max(y1, at[id].y);
      }
      var a = network.canvasToDOM({x: x0, y: y0});
      var b = network.canvasToDOM({x: x1, y: y1});
      var w = container.clientWidth, h = container.clientHeight;
      var inside = a.x >= 0 && a.y >= 0 && b.x <= w && b.y <= h;
      if (inside && (b.x - a.x >= w / 4 || b.y - a.y >= h / 4)) return;
      opening = false;
      network.fit({nodes: shown, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    }

    function ancestorsOpen(i) {
      for (var p = parent[i]; p >= 0; p = parent[p]) expanded[p] = 1;
    }
    // make a node drawn: open the super-nodes around it, take it out of reserve
    function reveal(i, by) {
      ancestorsOpen(i);
      if ((rows[i][11] & RESERVE) && !revealed[i]) {
        revealed[i] = 1;
        revealedBy[i] = by;
      }
    }
    function collapse(i) {
      expanded[i] = 0;
      for (var k = 0; k < n; k++) {
        // folding a super-node folds what was opened inside it
        for (var p = parent[k]; p >= 0; p = parent[p]) {
          if (p === i) {
            expanded[k] = 0;
            break;
          }
        }
      }
    }
    // double-click: open a super-node; show a node's neighbours held in reserve, or hide them again;
    // on a node inside an opened super-node, fold that super-node back
    function toggle(i) {
      var opening = false;
      if (hasChildren[i] && !expanded[i]) {
        expanded[i] = 1;
        opening = true;
      } else {
        var opened = 0;
        for (var a = degree[i]; a < degree[i + 1]; a++) {
          var other = adjNode[a];
          if ((rows[other][11] & RESERVE) && !revealed[other]) {
            reveal(other, i);
            opened++;
          }
        }
        if (!opened) {
          var closed = 0;
          for (var k = 0; k < n; k++) {
            if (revealedBy[k] === i) {
              revealed[k] = 0;
              revealedBy[k] = -1;
              closed++;
            }
          }
          if (!closed && parent[i] >= 0) collapse(parent[i]);
        }
      }
      var added = sync();
      if (opening) frame(drawn[i] ? added.concat([i]) : added);
      if (drawn[i] && selected !== i) select(i);
      saveState();
    }
    network.on("doubleClick", function (params) {
      if (params.nodes.length) toggle(params.nodes[0]);
    });

    // -- selection: details panel, the rest dimmed to the neighbourhood ------------------------------------
    var panel = root.querySelector(".pbg-details");
    var panelBody = root.querySelector(".pbg-details-body");
    var selected = -1;
    var pathNodes = null;
    // dimming writes the drawn objects' options and redraws once: a DataSet update of thousands of nodes
    // and edges costs seconds, this costs a few milliseconds
    var DIM_LABEL = "rgba(31,35,40,0.18)";
    function setDim(keep) {
      var body = network.body;
      var next = null;
      if (keep) {
        next = new Uint8Array(n);
        for (var i = 0; i < n; i++) if (drawn[i] && !keep[i]) next[i] = 1;
      }
      for (var k = 0; k < n; k++) {
        if (!drawn[k]) continue;
        var now = next ? next[k] : 0;
        var was = dimmed ? dimmed[k] : 0;
        if (now === was) continue;
        var node = body.nodes[k];
        if (!node) continue;
        node.options.opacity = now ? DIM : undefined;
        if (node.labelModule) node.labelModule.fontOptions.color = now ? DIM_LABEL : OUTLINE;
      }
      var ids = body.edgeIndices;
      for (var e = 0; e < ids.length; e++) {
        var edge = body.edges[ids[e]];
        var fade = next && (next[edge.fromId] || next[edge.toId]);
        edge.options.color.opacity = fade ? DIM : 1;
      }
      dimmed = next;
      requestRedraw();
    }
    function requestRedraw() {
      network.body.emitter.emit("_requestRedraw");
    }
    function neighbourhood(i) {
      var keep = new Uint8Array(n);
      keep[i] = 1;
      network.getConnectedNodes(i).forEach(function (other) { keep[other] = 1; });
      return keep;
    }
    // what can be selected: a drawn node, or a super-node opened in place (no longer drawn, its panel offers
    // to fold it back); anything else (folded away, hidden again in reserve) lets the selection go
    function select(i) {
      selected = i >= 0 && (drawn[i] || rep[i] === EXPANDED) ? i : -1;
      if (selected >= 0) pathNodes = null;
      if (selected >= 0 && drawn[selected]) {
        network.selectNodes([selected]);
        setDim(neighbourhood(selected));
      } else {
        // not network.unselectAll(), which redraws at once (setDim asks for the one redraw)
        network.selectionHandler.unselectAll();
        network.selectionHandler.commitWithoutEmitting();
        requestRedraw();
        if (!pathNodes) setDim(null);
      }
      if (selected >= 0) showDetails(selected);
      else panel.hidden = true;
    }
    // a panel opened over the spot just clicked would take a double-click's second click (the node selected,
    // never opened) and hide the node: it moves to the canvas's other side. The second click may land up
    // to 10 px away (vis's double-tap tolerance)
    function clearOfPanel(point) {
      if (panel.hidden) return;
      var box = panel.getBoundingClientRect();
      var net = container.getBoundingClientRect();
      var x = net.left + point.x;
      var y = net.top + point.y;
      if (x > box.left - 10 && x < box.right + 10 && y > box.top - 10 && y < box.bottom + 10) {
        panel.classList.toggle("pbg-details-far");
      }
    }
    network.on("click", function (params) {
      if (params.nodes.length) {
        select(params.nodes[0]);
        clearOfPanel(params.pointer.DOM);
        saveState();
      } else if (!params.edges.length && (selected >= 0 || pathNodes)) {
        clearAll(false);
      }
    });

    // contacts are drawn without a label; their name is the first tooltip field
    function nameOf(i) {
      var r = rows[i];
      return r[1] || (r[8].length > 1 ? tipValue(i, r[8][1]) : "") || r[0];
    }
    function nameButton(i) {
      var button = el("button", "pbg-link", nameOf(i));
      button.type = "button";
      button.addEventListener("click", function () { goTo(i); });
      return button;
    }
    function section(title) {
      var box = el("section", "pbg-section");
      box.appendChild(el("h4", null, title));
      panelBody.appendChild(box);
      return box;
    }
    function liaisonList(i, outgoing) {
      var list = el("ul", "pbg-liaisons");
      var count = 0;
      for (var a = degree[i]; a < degree[i + 1]; a++) {
        var e = erows[adjEdge[a]];
        if (e[7] !== 1) continue;
        if ((e[0] === i) !== outgoing || e[0] === e[1]) continue;
        var other = outgoing ? e[1] : e[0];
        var item = el("li");
        item.appendChild(nameButton(other));
        var j = adjEdge[a];
        var kind = (timed(j) ? S[e[12]] : S[e[5]]).replace(L.not_counting_suffix, "");
        item.appendChild(el("span", "pbg-muted", " " + kind + " · "));
        item.appendChild(el("span", e[3] === 1 ? "pbg-no" : "pbg-yes", e[3] === 1 ? L.counts_no : L.counts_yes));
        if (timed(j)) {
          var last = lastActivity(j);
          var when = (dormantAt(j) ? L.time_dormant + " · " : "") +
            (last >= 0 ? fmt(L.time_last, {date: dayText(last)}) : L.time_never);
          item.appendChild(el("span", "pbg-muted pbg-when", " · " + when));
        }
        list.appendChild(item);
        count++;
      }
      if (!count) list.appendChild(el("li", "pbg-muted", L.none));
      return [list, count];
    }
    function showDetails(i) {
      var r = rows[i];
      panelBody.textContent = "";
      panelBody.appendChild(el("h3", "pbg-details-title", nameOf(i)));
      if (r[7] >= 0) {
        var flags = section(L.details_gaps);
        S[r[7]].split(/[；;]\s*/).forEach(function (text) { flags.appendChild(el("div", "pbg-tip-flag", text)); });
      }
      var facts = el("dl", "pbg-facts");
      var fields = tipFields(i);
      for (var k = 0; k < fields.length; k += 2) {
        facts.appendChild(el("dt", null, fields[k]));
        facts.appendChild(el("dd", null, fields[k + 1]));
      }
      panelBody.appendChild(facts);
      if (hasChildren[i]) {
        var inside = section(fmt(L.details_inside, {count: childCount[i]}));
        var open = el("button", "pbg-action", expanded[i] ? L.collapse : L.expand);
        open.type = "button";
        open.addEventListener("click", function () {
          var opening = !expanded[i];
          if (opening) expanded[i] = 1; else collapse(i);
          var added = sync();
          if (opening) frame(added);
          saveState();
        });
        inside.appendChild(open);
      }
      var out = liaisonList(i, true);
      var inbound = liaisonList(i, false);
      if (out[1] || inbound[1]) {
        section(fmt(L.details_out, {count: out[1]})).appendChild(out[0]);
        section(fmt(L.details_in, {count: inbound[1]})).appendChild(inbound[0]);
      }
      panel.hidden = false;
    }
    root.querySelector(".pbg-details-close").addEventListener("click", function () {
      clearAll(false);
    });

    // bring a node on screen (opening what holds it), select it and centre it
    function goTo(i) {
      if (!drawn[i]) {
        reveal(i, -3);
        sync();
      }
      if (hidden[i]) {
        selects.forEach(function (select) { select.value = "-1"; });
        applyFilters();
      }
      select(i);
      opening = false;
      network.focus(i, {
        scale: Math.max(network.getScale(), 1.2),
        animation: {duration: 300, easingFunction: "easeInOutQuad"}
      });
      saveState();
    }

    // -- search: label or id, substring, case-insensitive; Enter again jumps to the next match -----------------
    var form = root.querySelector(".pbg-search-form");
    var input = root.querySelector(".pbg-search");
    var status = root.querySelector(".pbg-status");
    var hidden = new Uint8Array(n);
    var haystack = null;
    var lastQuery = null;
    var matches = [];
    var cursor = -1;
    function setStatus(text, miss) {
      status.textContent = text;
      status.classList.toggle("pbg-miss", !!miss);
    }
    function findMatches(query) {
      if (haystack === null) {
        haystack = rows.map(function (r) { return [r[1].toLowerCase(), r[0].toLowerCase()]; });
      }
      var exact = [];
      var partial = [];
      for (var i = 0; i < n; i++) {
        if (hidden[i] && drawn[i]) continue;
        var h = haystack[i];
        if (h[0] === query || h[1] === query) exact.push(i);
        else if (h[0].indexOf(query) !== -1 || h[1].indexOf(query) !== -1) partial.push(i);
      }
      return exact.concat(partial);
    }
    function search() {
      var query = input.value.trim().toLowerCase();
      if (query === "") {
        setStatus("", false);
        select(-1);
        lastQuery = null;
        return;
      }
      if (query !== lastQuery) {
        matches = findMatches(query);
        lastQuery = query;
        cursor = -1;
      }
      if (matches.length === 0) {
        setStatus(L.no_match, true);
        select(-1);
        return;
      }
      cursor = (cursor + 1) % matches.length;
      var index = matches[cursor];
      goTo(index);
      setStatus(fmt(L.search_found, {label: rows[index][1], index: cursor + 1, count: matches.length}), false);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search();
    });

    // -- path: the shortest liaison chain between two people, over every liaison in the file ----------------
    var pathForm = root.querySelector(".pbg-path-form");
    var pathFrom = root.querySelector(".pbg-path-from");
    var pathTo = root.querySelector(".pbg-path-to");
    function findOne(text) {
      var query = text.trim().toLowerCase();
      if (!query) return -1;
      var found = findMatches(query);
      return found.length ? found[0] : -1;
    }
    function shortestPath(a, b) {
      var previous = new Int32Array(n).fill(-1);
      previous[a] = a;
      var queue = [a];
      for (var head = 0; head < queue.length; head++) {
        var i = queue[head];
        if (i === b) break;
        for (var k = degree[i]; k < degree[i + 1]; k++) {
          if (erows[adjEdge[k]][7] !== 1) continue;
          var other = adjNode[k];
          if (previous[other] < 0) {
            previous[other] = i;
            queue.push(other);
          }
        }
      }
      if (previous[b] < 0) return null;
      var chain = [b];
      while (chain[chain.length - 1] !== a) chain.push(previous[chain[chain.length - 1]]);
      return chain.reverse();
    }
    function findPath(fromText, toText) {
      var a = findOne(fromText);
      var b = findOne(toText);
      if (a < 0 || b < 0) {
        setStatus(fmt(L.path_unknown, {name: a < 0 ? fromText : toText}), true);
        return null;
      }
      var chain = shortestPath(a, b);
      if (!chain) {
        setStatus(fmt(L.path_none, {from: rows[a][1], to: rows[b][1]}), true);
        return [];
      }
      chain.forEach(function (i) { reveal(i, -3); });
      // the chain takes the panel: no node's panel to write anew after the sync
      selected = -1;
      sync();
      pathNodes = chain;
      var keep = new Uint8Array(n);
      chain.forEach(function (i) { keep[i] = 1; });
      var pathEdges = [];
      for (var s = 0; s + 1 < chain.length; s++) {
        network.getConnectedEdges(chain[s]).forEach(function (id) {
          var edge = edges.get(id);
          if (edge && (edge.from === chain[s + 1] || edge.to === chain[s + 1])) pathEdges.push(id);
        });
      }
      network.setSelection({nodes: chain, edges: pathEdges}, {highlightEdges: false});
      setDim(keep);
      opening = false;
      network.fit({nodes: chain, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
      panelBody.textContent = "";
      panelBody.appendChild(el("h3", "pbg-details-title", fmt(L.path_found, {steps: chain.length - 1})));
      var list = el("ol", "pbg-path");
      chain.forEach(function (i) {
        var item = el("li");
        item.appendChild(nameButton(i));
        list.appendChild(item);
      });
      panelBody.appendChild(list);
      panel.hidden = false;
      setStatus(fmt(L.path_found, {steps: chain.length - 1}), false);
      return chain.map(function (i) { return rows[i][0]; });
    }
    pathForm.addEventListener("submit", function (event) {
      event.preventDefault();
      findPath(pathFrom.value, pathTo.value);
    });

    // -- filters: values sorted by how many drawn nodes have them, with that count; filters combine ---------
    var filterBox = root.querySelector(".pbg-filters");
    var filterOptions = [];
    var selects = data.filters.map(function (filter, f) {
      var wrapper = el("label", "pbg-filter");
      wrapper.appendChild(el("span", null, filter.name));
      var select = el("select");
      var all = el("option", null, L.filter_all);
      all.value = "-1";
      select.appendChild(all);
      filterOptions[f] = filter.values.map(function (value, index) {
        var option = el("option", null, value);
        option.value = String(index);
        return option;
      });
      select.addEventListener("change", function () {
        applyFilters();
        saveState();
      });
      wrapper.appendChild(select);
      filterBox.appendChild(wrapper);
      return select;
    });
    function updateFilterCounts() {
      data.filters.forEach(function (filter, f) {
        var counts = new Int32Array(filter.values.length);
        for (var i = 0; i < n; i++) {
          if (!drawn[i]) continue;
          var v = rows[i][9][f];
          if (v >= 0) counts[v]++;
        }
        var order = filter.values.map(function (value, index) { return index; });
        order.sort(function (a, b) {
          return counts[b] - counts[a] || (filter.values[a] < filter.values[b] ? -1 : filter.values[a] > filter.values[b] ? 1 : 0);
        });
        var select = selects[f];
        var chosen = select.value;
        while (select.options.length > 1) select.remove(1);
        order.forEach(function (index) {
          var option = filterOptions[f][index];
          option.textContent = fmt(L.filter_value, {value: filter.values[index], count: counts[index]});
          select.appendChild(option);
        });
        select.value = chosen;
      });
    }
    function applyFilters() {
      var chosen = selects.map(function (select) { return Number(select.value); });
      var active = chosen.some(function (c) { return c >= 0; });
      var next = new Uint8Array(n);
      for (var i = 0; i < n; i++) {
        if (!drawn[i]) continue;
        var attrs = rows[i][9];
        for (var k = 0; k < chosen.length; k++) {
          if (chosen[k] >= 0 && attrs[k] >= 0 && attrs[k] !== chosen[k]) {
            next[i] = 1;
            break;
          }
        }
      }
      // a contact whose members are all hidden goes with them
      if (active) {
        for (var s = 0; s < n; s++) {
          if (!drawn[s] || next[s] || !(rows[s][11] & SATELLITE)) continue;
          var anyShown = false;
          for (var a = degree[s]; a < degree[s + 1]; a++) {
            var other = rep[adjNode[a]];
            if (other >= 0 && !next[other]) {
              anyShown = true;
              break;
            }
          }
          if (!anyShown && degree[s + 1] > degree[s]) next[s] = 1;
        }
      }
      var shown = 0;
      var total = 0;
      var changed = false;
      var body = network.body.nodes;
      for (var j = 0; j < n; j++) {
        if (!drawn[j]) {
          hidden[j] = 0;
          continue;
        }
        // a title (the org view's lanes) is not counted among the nodes
        var counted = !(rows[j][11] & TITLE);
        if (counted) total++;
        // written on the drawn node, then the visible lists rebuilt once: a DataSet update per node
        // costs a hundred times more
        var node = body[j];
        if (node && node.options.hidden !== (next[j] === 1)) {
          node.options.hidden = next[j] === 1;
          changed = true;
        }
        hidden[j] = next[j];
        if (!next[j] && counted) shown++;
      }
      if (changed) {
        network._updateVisibleIndices();
        requestRedraw();
      }
      shownCount.textContent = fmt(L.shown, {shown: shown, total: total});
      lastQuery = null;
    }
    updateFilterCounts();
    applyFilters();

    // -- the time control: the network as it stood on a day (liaisons made later hidden, dormant ones faded) --
    function styleEdge(j) {
      var edge = network.body.edges["e" + j];
      if (!edge) return;
      var stroke = data.colors[edgeColorAt(j)];
      var color = edge.options.color;
      color.color = color.highlight = color.hover = stroke;
      edge.options.hidden = notYet(j);
    }
    var timeInput = null;
    var timeOutput = null;
    function setDay(day) {
      timeDay = Math.max(T.first, Math.min(T.last, day));
      timeStart = periodStart(timeDay);
      timeInput.value = String(timeDay);
      timeOutput.textContent = dayText(timeDay);
      for (var id in network.body.edges) {
        if (id.charAt(0) === "e" && timed(Number(id.slice(1)))) styleEdge(Number(id.slice(1)));
      }
      edgeTitled = Object.create(null);
      network._updateVisibleIndices();
      requestRedraw();
      if (selected >= 0) showDetails(selected);
    }
    if (T) {
      var timeBox = el("label", "pbg-time");
      timeBox.title = L.time_hint;
      timeBox.appendChild(el("span", null, L.time_label));
      timeInput = el("input", "pbg-time-range");
      timeInput.type = "range";
      timeInput.min = String(T.first);
      timeInput.max = String(T.last);
      timeInput.step = "1";
      timeInput.value = String(T.last);
      timeInput.setAttribute("aria-label", L.time_label);
      timeOutput = el("output", "pbg-time-day", dayText(T.last));
      timeBox.appendChild(timeInput);
      timeBox.appendChild(timeOutput);
      root.querySelector(".pbg-toolbar").insertBefore(timeBox, root.querySelector(".pbg-export"));
      var timeFrame = null;
      timeInput.addEventListener("input", function () {
        if (timeFrame !== null) return;
        timeFrame = requestAnimationFrame(function () {
          timeFrame = null;
          setDay(Number(timeInput.value));
          saveState();
        });
      });
    }

    // -- PNG of the current view at 2x or 3x, with its title and caption -------------------------------------
    // the canvas drawn at `factor` times its CSS size (every label of a small view), handed to `use`
    function drawnAt(factor, use) {
      var canvas = network.canvas;
      var own = canvas._determinePixelRatio;
      var labels = drawnCount() <= 600;
      canvas._determinePixelRatio = function () { return factor; };
      if (labels) network.setOptions({nodes: {scaling: {label: {drawThreshold: 1}}}});
      network.redraw();
      try {
        return use(container.querySelector("canvas"));
      } finally {
        canvas._determinePixelRatio = own;
        if (labels) network.setOptions({nodes: {scaling: {label: {drawThreshold: 6}}}});
        network.redraw();
      }
    }
    // a picture of the graph alone (a report prints it in place of the live view)
    function snapshot(factor) {
      return drawnAt(factor, function (source) { return source.toDataURL("image/png"); });
    }
    function exportPng(factor) {
      return drawnAt(factor, function (source) { return composePng(source, factor); });
    }
    function composePng(source, factor) {
      var head = Math.round(56 * factor);
      var items = root.querySelectorAll(".pbg-legend li");
      var side = items.length ? Math.round(LEGEND_WIDTH * factor) : 0;
      var out = document.createElement("canvas");
      out.width = source.width + side;
      out.height = Math.max(source.height, Math.round((12 + 22 * (items.length + 1)) * factor)) + head;
      var ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      if (side) drawLegend(ctx, items, source.width, head, factor);
      ctx.fillStyle = OUTLINE;
      ctx.font = "600 " + 18 * factor + "px " + font;
      ctx.textBaseline = "top";
      ctx.fillText(root.querySelector(".pbg-title").textContent, 12 * factor, 8 * factor);
      ctx.fillStyle = "#57606a";
      ctx.font = 12 * factor + "px " + font;
      ctx.fillText(root.querySelector(".pbg-caption").textContent, 12 * factor, 34 * factor);
      ctx.drawImage(source, 0, head);
      return out.toDataURL("image/png");
    }
    // the legend beside the picture, drawn from the page's legend: each swatch's SVG shapes, label and count
    var LEGEND_WIDTH = 250;
    function drawSwatch(ctx, svg, x, y, scale) {
      var box = (svg.getAttribute("viewBox") || "0 0 22 14").split(" ").map(Number);
      ctx.save();
      ctx.translate(x, y - (box[3] * scale) / 2);
      ctx.scale(scale, scale);
      Array.prototype.forEach.call(svg.children, function (shape) {
        var fill = shape.getAttribute("fill");
        var stroke = shape.getAttribute("stroke");
        var attr = function (name) { return Number(shape.getAttribute(name) || 0); };
        ctx.beginPath();
        var tag = shape.tagName.toLowerCase();
        if (tag === "circle") ctx.arc(attr("cx"), attr("cy"), attr("r"), 0, 2 * Math.PI);
        else if (tag === "rect") ctx.rect(attr("x"), attr("y"), attr("width"), attr("height"));
        else if (tag === "line") {
          ctx.moveTo(attr("x1"), attr("y1"));
          ctx.lineTo(attr("x2"), attr("y2"));
        } else if (tag === "polygon") {
          shape.getAttribute("points").trim().split(/\s+/).forEach(function (pair, k) {
            var xy = pair.split(",").map(Number);
            if (k === 0) ctx.moveTo(xy[0], xy[1]); else ctx.lineTo(xy[0], xy[1]);
          });
          ctx.closePath();
        }
        if (fill && fill !== "none") {
          ctx.fillStyle = fill;
          ctx.fill();
        }
        if (stroke && stroke !== "none") {
          ctx.strokeStyle = stroke;
          ctx.lineWidth = attr("stroke-width") || 1;
          var dash = shape.getAttribute("stroke-dasharray");
          ctx.setLineDash(dash ? dash.split(/[\s,]+/).map(Number) : []);
          ctx.stroke();
        }
      });
      ctx.restore();
    }
    function drawLegend(ctx, items, left, top, factor) {
      ctx.save();
      ctx.fillStyle = "#f6f8fa";
      ctx.fillRect(left, top, LEGEND_WIDTH * factor, ctx.canvas.height - top);
      ctx.textBaseline = "middle";
      ctx.fillStyle = OUTLINE;
      ctx.font = "600 " + 13 * factor + "px " + font;
      var title = root.querySelector(".pbg-legend-title");
      ctx.fillText(title ? title.textContent : "", left + 12 * factor, top + 18 * factor);
      Array.prototype.forEach.call(items, function (item, k) {
        var y = top + (18 + 22 * (k + 1)) * factor;
        var svg = item.querySelector("svg");
        if (svg) drawSwatch(ctx, svg, left + 12 * factor, y, factor);
        var spans = item.querySelectorAll("span");
        ctx.fillStyle = OUTLINE;
        ctx.font = (item.classList.contains("pbg-gap-item") ? "600 " : "") + 12.5 * factor + "px " + font;
        ctx.textAlign = "left";
        ctx.fillText(spans.length ? spans[0].textContent : "", left + 50 * factor, y);
        var count = item.querySelector(".pbg-count");
        if (count) {
          ctx.textAlign = "right";
          ctx.fillStyle = "#57606a";
          ctx.fillText(count.textContent, left + (LEGEND_WIDTH - 12) * factor, y);
        }
      });
      ctx.restore();
    }
    function drawnCount() {
      var count = 0;
      for (var i = 0; i < n; i++) count += drawn[i];
      return count;
    }
    Array.prototype.forEach.call(root.querySelectorAll(".pbg-png"), function (button) {
      button.addEventListener("click", function () {
        var link = document.createElement("a");
        link.href = exportPng(Number(button.getAttribute("data-scale")));
        link.download = (root.querySelector(".pbg-title").textContent || "view") + ".png";
        root.appendChild(link);
        link.click();
        root.removeChild(link);
      });
    });
    // printed views: twice the resolution, every label of a small view
    window.addEventListener("beforeprint", function () {
      var canvas = network.canvas;
      canvas.__pbgOwn = canvas.__pbgOwn || canvas._determinePixelRatio;
      canvas._determinePixelRatio = function () { return Math.max(2, window.devicePixelRatio || 1); };
      if (drawnCount() <= 600) network.setOptions({nodes: {scaling: {label: {drawThreshold: 1}}}});
      network.redraw();
    });
    window.addEventListener("afterprint", function () {
      var canvas = network.canvas;
      if (canvas.__pbgOwn) canvas._determinePixelRatio = canvas.__pbgOwn;
      network.setOptions({nodes: {scaling: {label: {drawThreshold: 6}}}});
      network.redraw();
    });

    // -- state in the URL hash (a whole page only): selection, filters, opened nodes, zoom --------------------
    var saving = null;
    function stateString() {
      var parts = [];
      if (selected >= 0) parts.push("sel=" + encodeURIComponent(rows[selected][0]));
      var f = selects.map(function (select, k) { return select.value === "-1" ? null : k + "." + select.value; })
        .filter(function (x) { return x !== null; });
      if (f.length) parts.push("f=" + f.join(","));
      if (T && timeDay !== T.last) parts.push("t=" + dayText(timeDay));
      var open = [];
      var shown = [];
      for (var i = 0; i < n; i++) {
        if (expanded[i]) open.push(encodeURIComponent(rows[i][0]));
        if (revealed[i]) shown.push(encodeURIComponent(rows[i][0]));
      }
      if (open.length) parts.push("open=" + open.join(","));
      if (shown.length) parts.push("show=" + shown.join(","));
      var at = network.getViewPosition();
      parts.push("z=" + [network.getScale().toFixed(4), at.x.toFixed(1), at.y.toFixed(1)].join(","));
      return parts.join("&");
    }
    function saveState() {
      if (!isPage || !ready) return;
      clearTimeout(saving);
      saving = setTimeout(function () {
        history.replaceState(null, "", "#" + stateString());
      }, 120);
    }
    network.on("zoom", saveState);
    network.on("dragEnd", saveState);
    // a focus or fit animates the camera: the state is the camera where it comes to rest
    network.on("animationFinished", saveState);
    var pendingCamera = null;
    var opening = true;
    function restoreState(hash) {
      var params = {};
      hash.replace(/^#/, "").split("&").forEach(function (part) {
        var cut = part.indexOf("=");
        if (cut > 0) params[part.slice(0, cut)] = part.slice(cut + 1);
      });
      var changed = false;
      (params.open ? params.open.split(",") : []).forEach(function (id) {
        var i = idIndex(decodeURIComponent(id));
        if (i >= 0 && hasChildren[i]) {
          ancestorsOpen(i);
          expanded[i] = 1;
          changed = true;
        }
      });
      (params.show ? params.show.split(",") : []).forEach(function (id) {
        var i = idIndex(decodeURIComponent(id));
        if (i >= 0) {
          reveal(i, -3);
          changed = true;
        }
      });
      if (changed) sync();
      (params.f ? params.f.split(",") : []).forEach(function (pair) {
        var bits = pair.split(".");
        var select = selects[Number(bits[0])];
        if (select) select.value = bits[1];
      });
      applyFilters();
      if (params.sel) {
        var i = idIndex(decodeURIComponent(params.sel));
        if (i >= 0) select(i);
      }
      if (T && params.t && /^\d{4}-\d{2}-\d{2}$/.test(params.t)) {
        setDay(Math.round(Date.parse(params.t + "T00:00:00Z") / 864e5));
      }
      if (params.z) {
        var z = params.z.split(",").map(Number);
        if (z.length === 3 && z.every(isFinite)) pendingCamera = z;
      }
    }
    function restoreCamera() {
      if (pendingCamera) {
        network.moveTo({scale: pendingCamera[0], position: {x: pendingCamera[1], y: pendingCamera[2]}});
        pendingCamera = null;
        opening = false;
      } else if (focusIndex >= 0 && drawn[focusIndex]) {
        frameAround(focusIndex);
      }
    }
    // the part of the canvas that is seen, in canvas pixels: what lies over the canvas (the details panel; the
    // legend too, where a host page's style lays it over the canvas rather than beside it, where the canvas
    // ends) takes the side it covers off it, the side whose loss is least, unless less than half would be left
    function freePart() {
      var w = container.clientWidth, h = container.clientHeight;
      var net = container.getBoundingClientRect();
      var free = {left: 0, top: 0, right: w, bottom: h};
      [panel, root.querySelector(".pbg-legend")].forEach(function (cover) {
        if (!cover || cover.hidden || !cover.getClientRects().length) return;
        var box = cover.getBoundingClientRect();
        var x0 = box.left - net.left, x1 = box.right - net.left, y0 = box.top - net.top, y1 = box.bottom - net.top;
        if (x1 <= free.left || x0 >= free.right || y1 <= free.top || y0 >= free.bottom) return;
        // [side, its new edge, the pixels it loses], the sides that leave half or more, least lost first
        var sides = [["left", x1, x1, w], ["right", x0, w - x0, w], ["top", y1, y1, h], ["bottom", y0, h - y0, h]]
          .filter(function (side) { return side[2] <= side[3] / 2; })
          .sort(function (a, b) { return a[2] - b[2]; });
        if (!sides.length) return;
        var side = sides[0][0], edge = sides[0][1];
        free[side] = side === "left" || side === "top" ? Math.max(free[side], edge) : Math.min(free[side], edge);
      });
      return free;
    }
    // a view about one node (a member's rings, a reach) opens on all of its drawing, rings and labels too,
    // with that node in the middle of the free part of the canvas (see freePart). vis's own fit frames the
    // nodes only, under the panel, and a second ring of 200 nodes lay outside the window. Labels keep their
    // size on the screen, so the farther out the zoom, the more of the canvas they cover, and which are drawn
    // changes with it: a frame measured at one zoom did not hold the labels of the next, and four measures
    // still left a long name at the edge cut off. Each pass takes the labels drawn at the zoom reached, each
    // as a point in the drawing plus pixels on the screen, and finds the most zoom at which all of them would
    // lie in the free part; it stops when the zoom reached holds what it draws (a few passes; at most 8). The
    // first pass measures nodes and rings only, leaving out the zoom the view had, so that the same drawing
    // gets the same frame whatever the camera was (重置 frames like the opening). `animate`: the camera then
    // moves there from where it was
    // the opening frame: a view about one node framed around it, any other all of its drawing (vis's fit)
    function openingFrame(animate) {
      opening = true;
      if (focusIndex >= 0 && drawn[focusIndex]) frameAround(focusIndex, animate);
      else network.fit(animate ? {animation: {duration: 300, easingFunction: "easeInOutQuad"}} : undefined);
    }
    // until the camera is moved (by the user, a search, a path, an opened node, the link's zoom), a canvas
    // resized (the window, a toolbar that wraps) frames the drawing again: vis keeps the centre and zooms by
    // the change of size, so that a page laid out 633 px high and shown 720 px high (a headless screenshot at
    // 1280×720) was zoomed in by a sixth and cut the org view's boxes at both sides. vis sets its own camera
    // after telling of the resize: the frame follows it
    network.on("zoom", function () { opening = false; });
    network.on("dragStart", function () { opening = false; });
    network.on("resize", function () {
      if (!opening) return;
      requestAnimationFrame(function () {
        if (!opening) return;
        openingFrame(false);
        network.redraw();
      });
    });
    function frameAround(i, animate) {
      var w = container.clientWidth, h = container.clientHeight;
      var free = freePart();
      var pad = 12;
      var halfX = (free.right - free.left) / 2 - pad, halfY = (free.bottom - free.top) / 2 - pad;
      var centre = network.getPositions([i])[i];
      var start = {scale: network.getScale(), position: network.getViewPosition()};
      var most = 1;
      // a point `a` canvas units from the centre and `b` screen pixels further the same axis lies within
      // `half` pixels of it up to a zoom of (half - b) / a (a point that lies beyond at any zoom is left out)
      function within(a, b, half) {
        if (a < 0) { a = -a; b = -b; }
        if (a > 0 && b < half) most = Math.min(most, (half - b) / a);
      }
      var scale = 0, position = null;
      for (var pass = 0; pass < 8; pass++) {
        most = 1;
        for (var k = 0; k < n; k++) {
          var node = network.body.nodes[k];
          if (!drawn[k] || hidden[k] || !node) continue;
          within(Math.abs(node.x - centre.x) + rows[k][6], 0, halfX);
          within(Math.abs(node.y - centre.y) + rows[k][6], 0, halfY);
        }
        // the rings (around the origin) and their titles, up to 20 px over them
        for (var r = 0; r < data.rings.length; r++) {
          var radius = data.rings[r][0];
          within(radius - centre.x, 0, halfX);
          within(-radius - centre.x, 0, halfX);
          within(radius - centre.y, 0, halfY);
          within(-radius - centre.y, -20, halfY);
        }
        if (pass) {
          labelsDrawn.forEach(function (label) {
            var at = network.body.nodes[label[3]], box = label[2];
            within(at.x - centre.x, (box[0] - at.x) * scale, halfX);
            within(at.x - centre.x, (box[2] - at.x) * scale, halfX);
            within(at.y - centre.y, (box[1] - at.y) * scale, halfY);
            within(at.y - centre.y, (box[3] - at.y) * scale, halfY);
          });
          if (most >= scale * 0.995) break;
        }
        scale = most;
        position = {
          x: centre.x - ((free.left + free.right) / 2 - w / 2) / scale,
          y: centre.y - ((free.top + free.bottom) / 2 - h / 2) / scale
        };
        network.moveTo({scale: scale, position: position});
        network.redraw();
      }
      if (animate) {
        network.moveTo(start);
        network.moveTo({
          scale: scale, position: position, animation: {duration: 300, easingFunction: "easeInOutQuad"}
        });
      }
    }
    if (isPage && location.hash.length > 1) restoreState(location.hash);
    else if (focusIndex >= 0 && drawn[focusIndex]) select(focusIndex);

    // -- reset, Esc and "/" ---------------------------------------------------------------------------------
    function clearAll(everything) {
      pathNodes = null;
      select(-1);
      setStatus("", false);
      if (everything) {
        input.value = "";
        pathFrom.value = "";
        pathTo.value = "";
        selects.forEach(function (select) { select.value = "-1"; });
        applyFilters();
      }
      saveState();
    }
    // back to how the view opened: a view about one node with that node selected and framed as it opened
    root.querySelector(".pbg-reset").addEventListener("click", function () {
      clearAll(true);
      if (focusIndex >= 0 && drawn[focusIndex]) {
        panel.classList.remove("pbg-details-far");
        select(focusIndex);
      }
      openingFrame(true);
    });
    root.addEventListener("pointerdown", function () { window.__pbgraphActive = rootId; });
    root.addEventListener("focusin", function () { window.__pbgraphActive = rootId; });
    if (!window.__pbgraphKeys) {
      window.__pbgraphKeys = true;
      document.addEventListener("keydown", function (event) {
        var views = window.__pbgraphViews || {};
        var view = views[window.__pbgraphActive] || views[Object.keys(views)[0]];
        if (!view) return;
        var target = event.target;
        var typing = target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
        if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
          event.preventDefault();
          view.focusSearch();
        } else if (event.key === "Escape") {
          if (typing) target.blur();
          view.clear();
        }
      });
    }

    // a hook for tests, notebooks and reports that want to drive the view
    window.__pbgraphViews = window.__pbgraphViews || {};
    window.__pbgraphViews[rootId] = {
      network: network, nodes: nodes, edges: edges, search: search,
      focusNode: function (id) {
        var i = idIndex(id);
        if (i >= 0) goTo(i);
        return i >= 0;
      },
      toggle: function (id) {
        var i = idIndex(id);
        if (i >= 0) toggle(i);
        return i >= 0 && drawn[i] === 1;
      },
      findPath: findPath,
      setDay: function (text) {
        if (T) setDay(Math.round(Date.parse(text + "T00:00:00Z") / 864e5));
        return T ? dayText(timeDay) : null;
      },
      exportPng: exportPng,
      snapshot: snapshot,
      state: stateString,
      selected: function () { return selected >= 0 ? rows[selected][0] : null; },
      hiddenIndices: function () {
        var out = [];
        for (var i = 0; i < n; i++) if (drawn[i] && hidden[i]) out.push(i);
        return out;
      },
      // the labels the view drew in the last frame: [id, size on the screen in px, box in canvas units, node]
      labels: function () {
        return labelsDrawn;
      },
      // where a drawn node is (canvas units), null for one not drawn
      position: function (id) {
        var i = idIndex(id);
        return i >= 0 && drawn[i] ? network.getPositions([i])[i] : null;
      },
      drawnIds: function () {
        var out = [];
        for (var i = 0; i < n; i++) if (drawn[i] && !hidden[i]) out.push(rows[i][0]);
        return out;
      },
      focusSearch: function () { input.focus(); input.select(); },
      clear: function () { clearAll(false); }
    };
  }
})
