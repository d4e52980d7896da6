(function (rootId) {
  "use strict";
  var root = document.getElementById(rootId);
  var dataElement = document.getElementById(rootId + "-data");
  if (!root || !dataElement || !window.vis || root.hasAttribute("data-mounted")) {
    return;
  }
  root.setAttribute("data-mounted", "");

  // the payload is compact (rows of arrays, shared tables) so that 50k nodes parse fast; see _html.py
  var data = JSON.parse(dataElement.textContent);
  var L = data.labels;
  var rows = data.nodes;
  var n = rows.length;
  var HIGHLIGHT = "#d62728";
  var OUTLINE = "#1f2328";
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

  var visNodes = new Array(n);
  for (var i = 0; i < n; i++) {
    var r = rows[i]; // [id, label, x, y, color, shape, size, highlight, tooltip, attrs]
    var fill = data.colors[r[4]];
    var flagged = r[7] !== null;
    var ring = flagged ? HIGHLIGHT : OUTLINE;
    visNodes[i] = {
      id: i, label: r[1], x: r[2], y: r[3], shape: data.shapes[r[5]], size: r[6],
      color: {
        background: fill, border: flagged ? HIGHLIGHT : "#ffffff",
        highlight: {background: fill, border: ring}, hover: {background: fill, border: ring}
      },
      borderWidth: flagged ? 4 : 1, borderWidthSelected: flagged ? 5 : 3
    };
  }
  var erows = data.edges;
  var visEdges = new Array(erows.length);
  for (var j = 0; j < erows.length; j++) {
    var e = erows[j]; // [source, target, color, dashes, width, tooltip, arrows]
    var stroke = data.colors[e[2]];
    visEdges[j] = {
      id: j, from: e[0], to: e[1], dashes: e[3] === 1, width: e[4],
      color: {color: stroke, highlight: stroke, hover: stroke, inherit: false},
      arrows: {to: {enabled: e[6] === 1, scaleFactor: 0.5}}
    };
  }
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);

  var big = data.big;
  var options = {
    autoResize: true,
    layout: {randomSeed: 0, improvedLayout: false},
    physics: data.physics ? {enabled: true, stabilization: {enabled: true, iterations: 200, fit: true}} : false,
    interaction: {
      hover: true, tooltipDelay: 150, hideEdgesOnDrag: true, hideEdgesOnZoom: big,
      keyboard: false, multiselect: false, navigationButtons: false, selectConnectedEdges: !big
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
  var container = root.querySelector(".pbg-net");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  network.once("afterDrawing", function () {
    var now = performance.now();
    root.setAttribute("data-ready", now.toFixed(1));
    window.__pbgraphReady = now;
  });

  // tooltips are built on first hover: 50k detached DOM trees up front would cost seconds
  var nodeTitled = new Uint8Array(n);
  var edgeTitled = new Uint8Array(erows.length);
  function nodeTooltip(index) {
    var r = rows[index];
    var box = el("div", "pbg-tip");
    box.appendChild(el("div", "pbg-tip-title", r[1]));
    if (r[7] !== null) box.appendChild(el("div", "pbg-tip-flag", r[7]));
    var fields = r[8];
    for (var k = 0; k < fields.length; k += 2) {
      var line = el("div", "pbg-tip-line");
      line.appendChild(el("span", "pbg-tip-key", data.tipKeys[fields[k]] + L.tooltip_separator));
      line.appendChild(el("span", "pbg-tip-value", fields[k + 1]));
      box.appendChild(line);
    }
    return box;
  }
  network.on("hoverNode", function (params) {
    if (!nodeTitled[params.node]) {
      nodeTitled[params.node] = 1;
      nodes.update({id: params.node, title: nodeTooltip(params.node)});
    }
  });
  network.on("hoverEdge", function (params) {
    var index = params.edge;
    if (!edgeTitled[index] && erows[index][5] !== "") {
      edgeTitled[index] = 1;
      edges.update({id: index, title: el("div", "pbg-tip", erows[index][5])});
    }
  });

  // search: label or id, substring, case-insensitive; Enter again jumps to the next match
  var form = root.querySelector(".pbg-search-form");
  var input = root.querySelector(".pbg-search");
  var status = root.querySelector(".pbg-status");
  var shownCount = root.querySelector(".pbg-shown");
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
      if (hidden[i]) continue;
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
      network.unselectAll();
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
      network.unselectAll();
      return;
    }
    cursor = (cursor + 1) % matches.length;
    var index = matches[cursor];
    network.selectNodes([index]);
    network.focus(index, {
      scale: Math.max(network.getScale(), 1.2),
      animation: {duration: 400, easingFunction: "easeInOutQuad"}
    });
    setStatus(fmt(L.search_found, {label: rows[index][1], index: cursor + 1, count: matches.length}), false);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });

  // filters: a node without the attribute is left alone by that filter (e.g. sectors under a party filter)
  var filterBox = root.querySelector(".pbg-filters");
  var selects = data.filters.map(function (filter) {
    var wrapper = el("label", "pbg-filter");
    wrapper.appendChild(el("span", null, filter.name));
    var select = el("select");
    var all = el("option", null, L.filter_all);
    all.value = "-1";
    select.appendChild(all);
    filter.values.forEach(function (value, index) {
      var option = el("option", null, value);
      option.value = String(index);
      select.appendChild(option);
    });
    select.addEventListener("change", applyFilters);
    wrapper.appendChild(select);
    filterBox.appendChild(wrapper);
    return select;
  });

  function applyFilters() {
    var chosen = selects.map(function (select) { return Number(select.value); });
    var changes = [];
    var shown = 0;
    for (var i = 0; i < n; i++) {
      var attrs = rows[i][9];
      var hide = 0;
      for (var k = 0; k < chosen.length; k++) {
        if (chosen[k] >= 0 && attrs[k] >= 0 && attrs[k] !== chosen[k]) {
          hide = 1;
          break;
        }
      }
      if (hide !== hidden[i]) {
        hidden[i] = hide;
        changes.push({id: i, hidden: hide === 1});
      }
      if (!hide) shown++;
    }
    if (changes.length) nodes.update(changes);
    shownCount.textContent = fmt(L.shown, {shown: shown, total: n});
    lastQuery = null;
  }
  shownCount.textContent = fmt(L.shown, {shown: n, total: n});

  root.querySelector(".pbg-reset").addEventListener("click", function () {
    input.value = "";
    selects.forEach(function (select) { select.value = "-1"; });
    applyFilters();
    setStatus("", false);
    network.unselectAll();
    network.fit({animation: {duration: 300, easingFunction: "easeInOutQuad"}});
  });

  // a hook for tests and for notebooks that want to drive the view
  window.__pbgraphViews = window.__pbgraphViews || {};
  window.__pbgraphViews[rootId] = {network: network, nodes: nodes, edges: edges, search: search};
})
