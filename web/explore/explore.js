// techtree explorer: autocomplete over entity names, a cytoscape view of an entity's
// neighbourhood (lineage both ways, papers, comparisons, hardware) coloured by kind (fill) and
// topic (ring), a panel with each paper's abstract and its evidence sentences highlighted, and a
// shareable URL (/explore?entity=FlashAttention&depth=2&expand=technique:attention&since=2026-12-01), where
// "expand" lists the nodes expanded, in order, and "new since" highlights the papers dated on or after
// a day and the edges they state. It talks only to POST /graphql.
(function () {
  "use strict";

  // Same colours as bloom/techtree-perspective.json and bloom/techtree.grass.
  var KIND_COLOURS = { Paper: "#4C8EDA", Technique: "#F79767", Model: "#C990C0", Dataset: "#8DCC93", Hardware: "#FFC454", Topic: "#DA7194" };
  var EDGE_COLOURS = { BUILDS_ON: "#F16667", INTRODUCES: "#57C7E3", USES: "#A5ABB6", COMPARES_TO: "#ECB5C9", EVALUATED_ON: "#D9C8AE", CITES: "#848484" };
  var TOPIC_PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b15928", "#6a3d9a", "#33a02c", "#e31a1c", "#ff7f00", "#017f8c", "#8c564b", "#5e6b7d"];
  var EDGE_WORDS = { BUILDS_ON: "builds on", INTRODUCES: "introduces", USES: "uses", COMPARES_TO: "compares to", EVALUATED_ON: "runs on", CITES: "cites" };

  // A view comes without its sentences: they are read when a panel shows an edge (EVIDENCE), which
  // keeps the first view a few kilobytes however many papers state its edges.
  var NEIGHBOURHOOD = "query Neighbourhood($name: String, $id: ID, $depth: Int) { neighbourhood(name: $name, id: $id, depth: $depth) {" +
    " root { id label kind }" +
    " nodes { id label kind depth topic { id name } }" +
    " edges { id source target type } } }";
  // The sentences of some edges of the view; with $paper, only that paper's (a paper's panel).
  var EVIDENCE = "query Evidence($ids: [ID!]!, $paper: ID) { graphEdges(ids: $ids) {" +
    " id evidence(paper: $paper) { sentence field start end rule confidence claim paper { id title } } } }";
  var EDGES_PER_QUERY = 200;
  // The part of a view drawn (the root's by name, an expanded node's by id) that is new since a day
  // (neighbourhood's since), to highlight.
  var NEW_SINCE = "query NewSince($name: String, $id: ID, $depth: Int, $since: Date) { neighbourhood(name: $name, id: $id, depth: $depth, since: $since) {" +
    " nodes { id kind } edges { id } } }";
  var NAMES = "query Names($prefix: String!) { entityNames(prefix: $prefix, first: 8) { id name __typename } }";
  // neighbourhood answers null for a name it does not know; technique(name) answers the API's "did you
  // mean" for it (NOT_FOUND with the closest names of every kind in extensions.suggestions).
  var DID_YOU_MEAN = "query DidYouMean($name: String!) { technique(name: $name) { id } }";
  // A first visit without an entity: how many topics, and the trending entities as places to start.
  var START = "query Start { topics(first: 200) { id } trending(first: 8) { entity { name } } }";

  var $ = function (id) { return document.getElementById(id); };
  var search = $("search"), suggestions = $("suggestions"), depthInput = $("depth"), depthValue = $("depth-value"), sinceInput = $("since");
  var panel = $("panel-body"), statusBar = $("status"), legend = $("legend"), share = $("share"), nodeList = $("node-list");

  // expanded: the nodes whose own view is drawn (the root's included), by id; expand: the nodes the
  // user expanded, in order, as the URL lists them, so a shared or reloaded view expands them again.
  var state = { entity: null, depth: 2, selected: null, expanded: {}, expand: [], since: null };
  // The status line of the view drawn (its size), which "new since" replaces while a day is set.
  var viewStatus = "";
  // Which view the page is on: an answer for an earlier one (a slower request, overtaken by a second
  // search or a slider move) is dropped, so the graph always matches the search box and the URL.
  var viewSeq = 0;
  var topicColour = {};
  // Sentences read so far: edge id -> evidence, and for a paper's panel, paper id -> edge id -> its evidence.
  var evidenceByEdge = {};
  var paperEvidence = {};
  // Abstracts are fetched when a panel shows their paper, not with the view: a view's evidence
  // names dozens of papers, and sending every abstract with it made the first view ten times larger.
  var abstracts = {};
  var ABSTRACTS_PER_QUERY = 15;

  var cy = cytoscape({
    container: $("graph"),
    minZoom: 0.15,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "background-color": function (n) { return KIND_COLOURS[n.data("kind")] || "#A5ABB6"; },
        "border-width": function (n) { return n.data("topic") ? 4 : 0; },
        "border-color": function (n) { return topicColour[n.data("topic")] || "#ccc"; },
        "label": "data(short)", "font-size": 11, "color": "#23252b", "text-valign": "bottom", "text-margin-y": 4,
        "text-wrap": "wrap", "text-max-width": 130, "width": 30, "height": 30,
        "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1 } },
      { selector: "node[kind = 'Paper']", style: { "shape": "round-rectangle", "width": 22, "height": 28, "font-size": 9, "color": "#4d5260" } },
      { selector: "node[kind = 'Hardware']", style: { "shape": "hexagon", "width": 26, "height": 26 } },
      { selector: "node[kind = 'Dataset']", style: { "shape": "barrel" } },
      { selector: "node[kind = 'Model']", style: { "shape": "diamond", "width": 32, "height": 32 } },
      { selector: "node.root", style: { "width": 48, "height": 48, "font-size": 14, "font-weight": "bold" } },
      { selector: "node:selected", style: { "overlay-color": "#4C8EDA", "overlay-opacity": 0.18, "overlay-padding": 6 } },
      // The node whose button in the list of nodes has the keyboard's focus.
      { selector: "node.focused", style: { "outline-width": 3, "outline-color": "#4C8EDA", "outline-offset": 3, "outline-opacity": 1 } },
      { selector: "edge", style: {
        "width": function (e) { return e.data("type") === "BUILDS_ON" ? 3 : 1.5; },
        "line-color": function (e) { return EDGE_COLOURS[e.data("type")] || "#ccc"; },
        "target-arrow-color": function (e) { return EDGE_COLOURS[e.data("type")] || "#ccc"; },
        "target-arrow-shape": "triangle", "arrow-scale": 0.9, "curve-style": "bezier", "opacity": 0.85 } },
      { selector: "edge[type = 'BUILDS_ON']", style: { "label": "builds on", "font-size": 8, "color": "#b5474a", "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: "edge.faded, node.faded", style: { "opacity": 0.25 } },
      { selector: "node.new", style: { "overlay-color": "#2ca02c", "overlay-opacity": 0.28, "overlay-padding": 7 } },
      { selector: "edge.new", style: { "width": 4.5, "opacity": 1, "underlay-color": "#2ca02c", "underlay-opacity": 0.35, "underlay-padding": 4 } },
    ],
  });
  window.cy = cy; // for tests and the curious

  // --- GraphQL -------------------------------------------------------------------------------

  /**
   * The data of a GraphQL answer. A GraphQL error throws with its message and extensions (a NOT_FOUND's
   * suggestions); a server that cannot be reached, or an answer that is not GraphQL (a proxy's error
   * page), throws a sentence saying so rather than the browser's "Failed to fetch" or a JSON parse error.
   */
  function gql(query, variables) {
    return fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        try { body = JSON.parse(text); } catch (e) { body = null; }
        if (body && body.errors && body.errors.length) {
          var err = new Error(body.errors[0].message);
          err.extensions = body.errors[0].extensions || {};
          throw err;
        }
        if (!res.ok || !body || !body.data) {
          throw new Error("The techtree server answered HTTP " + res.status + (res.statusText ? " " + res.statusText : "") + " without a GraphQL answer; try again in a moment.");
        }
        return body.data;
      });
    }, function () {
      throw new Error("Cannot reach the techtree server at " + location.host + "; is it running (techtree up)?");
    });
  }

  /** Fetches the abstracts of these papers into the cache, ABSTRACTS_PER_QUERY aliased paper fields a query. */
  function fetchAbstracts(ids) {
    var chunks = [];
    for (var i = 0; i < ids.length; i += ABSTRACTS_PER_QUERY) chunks.push(ids.slice(i, i + ABSTRACTS_PER_QUERY));
    return Promise.all(chunks.map(function (chunk) {
      var vars = {}, params = [], fields = [];
      chunk.forEach(function (id, k) {
        vars["p" + k] = id;
        params.push("$p" + k + ": ID");
        fields.push("p" + k + ": paper(id: $p" + k + ") { id abstract }");
      });
      return gql("query Abstracts(" + params.join(", ") + ") { " + fields.join(" ") + " }", vars).then(function (data) {
        Object.keys(data).forEach(function (k) { if (data[k]) abstracts[data[k].id] = data[k].abstract; });
        chunk.forEach(function (id) { if (!(id in abstracts)) abstracts[id] = ""; });
      });
    }));
  }

  /** Reads the sentences of these edges into evidenceByEdge (or paperEvidence[paper]), EDGES_PER_QUERY a query. */
  function fetchEvidence(ids, paper) {
    var into = paper ? (paperEvidence[paper] = paperEvidence[paper] || {}) : evidenceByEdge;
    var chunks = [];
    for (var i = 0; i < ids.length; i += EDGES_PER_QUERY) chunks.push(ids.slice(i, i + EDGES_PER_QUERY));
    return Promise.all(chunks.map(function (chunk) {
      return gql(EVIDENCE, { ids: chunk, paper: paper || null }).then(function (data) {
        data.graphEdges.forEach(function (e) { into[e.id] = e.evidence; });
        chunk.forEach(function (id) { if (!(id in into)) into[id] = []; });
      });
    }));
  }

  function setStatus(text, isError) {
    statusBar.textContent = text || "";
    statusBar.className = isError ? "error" : "";
  }

  // --- autocomplete --------------------------------------------------------------------------

  // The box is an ARIA combobox: aria-expanded says whether the listbox of suggestions is open, and
  // the focus stays in the box while the arrow keys move aria-activedescendant over the options, so
  // a screen reader reads the suggestion reached without the caret leaving the text.
  var suggestTimer = null, suggestSeq = 0, active = -1;

  search.addEventListener("input", function () {
    clearTimeout(suggestTimer);
    var text = search.value.trim();
    if (!text) return hideSuggestions();
    suggestTimer = setTimeout(function () {
      var seq = ++suggestSeq;
      gql(NAMES, { prefix: text }).then(function (data) {
        if (seq !== suggestSeq) return;
        if (data.entityNames.length) return showSuggestions(data.entityNames);
        // Nothing starts with the text (a typo: "FlashAtention"): the closest names instead, the
        // "did you mean" an unknown name gets on Enter, so the list does not just stay shut.
        return gql(DID_YOU_MEAN, { name: text }).then(function () {
          if (seq === suggestSeq) showSuggestions([]);
        }, function (err) {
          if (seq !== suggestSeq) return;
          var ext = err.extensions || {};
          if (!ext.suggestions) throw err;
          showSuggestions(ext.suggestions.map(function (name, i) { return { name: name, __typename: (ext.suggestionKinds || [])[i] }; }));
        });
      }).catch(function (err) { setStatus(err.message, true); });
    }, 120);
  });

  search.addEventListener("keydown", function (ev) {
    var items = suggestions.querySelectorAll("li");
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!items.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", String(i === active)); });
      search.setAttribute("aria-activedescendant", items[active].id);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      var pick = active >= 0 && items[active] ? items[active].dataset.name : search.value.trim();
      if (pick) choose(pick);
    } else if (ev.key === "Escape") {
      hideSuggestions();
    }
  });
  // Leaving the box closes the list (a click on an option chooses it first: its mousedown keeps the focus).
  search.addEventListener("blur", function () { clearTimeout(suggestTimer); suggestSeq++; hideSuggestions(); });

  function showSuggestions(entities) {
    suggestions.innerHTML = "";
    active = -1;
    search.removeAttribute("aria-activedescendant");
    entities.forEach(function (e, i) {
      var li = document.createElement("li");
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.name = e.name;
      li.innerHTML = "<span></span><span class=kind></span>";
      li.firstChild.textContent = e.name;
      li.lastChild.textContent = e.__typename || "";
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(e.name); });
      suggestions.appendChild(li);
    });
    suggestions.hidden = entities.length === 0;
    search.setAttribute("aria-expanded", String(!suggestions.hidden));
  }

  function hideSuggestions() {
    suggestions.hidden = true;
    suggestions.innerHTML = "";
    active = -1;
    search.setAttribute("aria-expanded", "false");
    search.removeAttribute("aria-activedescendant");
  }

  function choose(name) {
    hideSuggestions();
    search.value = name;
    state.entity = name;
    state.selected = null;
    state.expand = [];
    pushUrl();
    loadRoot();
  }

  // --- depth slider and URL ------------------------------------------------------------------

  depthInput.addEventListener("input", function () { depthValue.textContent = depthInput.value; });
  depthInput.addEventListener("change", function () {
    state.depth = Number(depthInput.value);
    pushUrl();
    if (state.entity) loadRoot();
  });

  function viewUrl() {
    var q = new URLSearchParams();
    if (state.entity) q.set("entity", state.entity);
    q.set("depth", String(state.depth));
    if (state.expand.length) q.set("expand", state.expand.join(","));
    if (state.selected) q.set("select", state.selected);
    if (state.since) q.set("since", state.since);
    return "/explore?" + q.toString();
  }

  function pushUrl() {
    var url = viewUrl();
    share.href = url;
    if (location.pathname + location.search !== url) history.replaceState(null, "", url);
  }

  function readUrl() {
    var q = new URLSearchParams(location.search);
    var d = Number(q.get("depth"));
    state.depth = d >= 1 && d <= 4 ? d : 2;
    // ?name= is the GraphQL argument's word for it, and what one writes by hand; the page writes entity.
    state.entity = q.get("entity") || q.get("name");
    state.expand = (q.get("expand") || "").split(",").filter(Boolean);
    state.selected = q.get("select");
    state.since = q.get("since") || null;
    sinceInput.value = state.since || "";
    depthInput.value = String(state.depth);
    depthValue.textContent = String(state.depth);
    if (state.entity) search.value = state.entity;
  }

  sinceInput.addEventListener("change", function () {
    state.since = sinceInput.value.trim() || null;
    pushUrl();
    highlightNew();
  });

  /** The views drawn, as neighbourhood's arguments: the root's, and each expanded node's as Expand asked for it. */
  function drawnViews() {
    var root = cy.nodes(".root");
    return [{ name: state.entity, depth: state.depth }].concat(Object.keys(state.expanded).filter(function (id) {
      return root.empty() || id !== root.id();
    }).map(function (id) { return { id: id, depth: 1 }; }));
  }

  /**
   * Marks the nodes and edges that are new since state.since (none when it is empty): across every view
   * drawn, or, given one expansion's view, adds that view's to the marks already there.
   */
  function highlightNew(expansion) {
    if (!expansion) cy.elements().removeClass("new");
    if (!state.since || !state.entity) {
      // No day any more: the status said what was new since it (or why it was refused), not now.
      if (viewStatus && cy.nodes().nonempty()) setStatus(viewStatus);
      return;
    }
    var since = state.since, seq = viewSeq;
    var views = expansion ? [expansion] : drawnViews();
    Promise.all(views.map(function (v) {
      return gql(NEW_SINCE, { name: v.name || null, id: v.id || null, depth: v.depth, since: since });
    })).then(function (answers) {
      if (since !== state.since || seq !== viewSeq) return;
      answers.forEach(function (data) {
        var view = data.neighbourhood;
        if (!view) return;
        view.nodes.forEach(function (n) {
          var el = cy.getElementById(n.id);
          if (el.nonempty() && !el.hasClass("root")) el.addClass("new");
        });
        view.edges.forEach(function (e) { cy.getElementById(e.id).addClass("new"); });
      });
      setStatus(cy.nodes(".new").length + " nodes and " + cy.edges(".new").length + " edges new since " + since + " (highlighted in green).");
    }).catch(function (err) { if (seq === viewSeq) setStatus(err.message, true); });
  }

  // --- graph ---------------------------------------------------------------------------------

  function shortLabel(n) {
    var text = n.label;
    if (n.kind === "Paper") text = text.split(/:\s/)[0];
    return text.length > 42 ? text.slice(0, 40) + "…" : text;
  }

  function addView(view, rootId) {
    var added = [];
    view.nodes.forEach(function (n) {
      if (n.topic && !(n.topic.id in topicColour)) topicColour[n.topic.id] = TOPIC_PALETTE[Object.keys(topicColour).length % TOPIC_PALETTE.length];
      var existing = cy.getElementById(n.id);
      if (existing.nonempty()) return;
      added.push({ group: "nodes", data: { id: n.id, label: n.label, short: shortLabel(n), kind: n.kind, depth: n.depth, topic: n.topic ? n.topic.id : null, topicName: n.topic ? n.topic.name : null } });
    });
    view.edges.forEach(function (e) {
      if (cy.getElementById(e.id).nonempty()) return;
      added.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, type: e.type } });
    });
    cy.add(added);
    if (rootId) cy.getElementById(rootId).addClass("root");
    return added.length;
  }

  function layout(fit) {
    var root = cy.nodes(".root");
    cy.layout({
      name: "cose", animate: false, randomize: false, fit: fit !== false, padding: 40,
      nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 70; }, numIter: 1200,
      boundingBox: undefined, nodeDimensionsIncludeLabels: true,
    }).run();
    if (root.nonempty() && fit !== false) cy.center(root);
  }

  function loadRoot() {
    if (!state.entity) return;
    var seq = ++viewSeq;
    setStatus("Loading " + state.entity + "…");
    gql(NEIGHBOURHOOD, { name: state.entity, depth: state.depth }).then(function (data) {
      if (seq !== viewSeq) return;
      cy.elements().remove();
      evidenceByEdge = {};
      paperEvidence = {};
      state.expanded = {};
      var view = data.neighbourhood;
      if (!view) {
        renderLegend();
        renderNodeList();
        showNotFound(state.entity);
        return;
      }
      state.expanded[view.root.id] = true;
      addView(view, view.root.id);
      // The nodes the URL says were expanded, again, in their order (one may come from another's
      // expansion); one that is no longer in the view, or fails, is left out of the URL.
      var again = state.expand.filter(function (id) { return id !== view.root.id; });
      state.expand = [];
      return again.reduce(function (done, id) {
        return done.then(function () {
          if (seq !== viewSeq || cy.getElementById(id).empty() || state.expanded[id]) return;
          return gql(NEIGHBOURHOOD, { id: id, depth: 1 }).then(function (more) {
            if (seq !== viewSeq || !more.neighbourhood) return;
            state.expanded[id] = true;
            state.expand.push(id);
            addView(more.neighbourhood, null);
          }, function () { /* left out: the view is drawn without it */ });
        });
      }, Promise.resolve()).then(function () {
        if (seq !== viewSeq) return;
        layout(true);
        renderLegend();
        renderNodeList();
        var extra = state.expand.length ? " and " + state.expand.length + " expanded node" + (state.expand.length > 1 ? "s" : "") : "";
        setStatus(viewStatus = cy.nodes().length + " nodes, " + cy.edges().length + " edges around " + view.root.label + extra + ".");
        var sel = state.selected && cy.getElementById(state.selected);
        select(sel && sel.nonempty() ? sel : cy.getElementById(view.root.id));
        highlightNew();
      });
    }).catch(function (err) { if (seq === viewSeq) showLoadFailed(state.entity, err); });
  }

  /**
   * A view that could not be read (the server or Neo4j away, a timeout): the graph of the previous
   * entity would no longer match the search box and the URL, so it goes, and the panel says why with
   * a button to try again (the URL keeps the view asked for, expansions included).
   */
  function showLoadFailed(name, err) {
    cy.elements().remove();
    state.expanded = {};
    renderLegend();
    renderNodeList();
    setStatus(err.message, true);
    var heading = "Could not draw \"" + name + "\".";
    panel.innerHTML = "<h2>" + escapeHtml(heading) + "</h2><p>" + escapeHtml(err.message) + "</p>" +
      "<p><button id=retry type=button>Try again</button></p>";
    delete panel.dataset.node;
    $("retry").addEventListener("click", function () { loadRoot(); });
  }

  /** An unknown name: says so in the status and the panel, with the closest names as buttons to draw instead. */
  function showNotFound(name) {
    var nothing = "Nothing named \"" + name + "\" in the graph.";
    setStatus(nothing, true);
    panel.innerHTML = "<h2>" + escapeHtml(nothing) + "</h2><p class=hint>Names are matched ignoring case, spaces and hyphens; the search box suggests names as you type.</p>";
    delete panel.dataset.node;
    gql(DID_YOU_MEAN, { name: name }).then(null, function (err) {
      var names = (err.extensions && err.extensions.suggestions) || [];
      if (name !== state.entity || cy.nodes().nonempty() || !names.length) return;
      setStatus(nothing + " Did you mean " + names.join(", ") + "?", true);
      var p = document.createElement("p");
      p.id = "did-you-mean";
      p.innerHTML = "Did you mean " + names.map(function (n) {
        return "<button type=button data-name=\"" + escapeHtml(n) + "\">" + escapeHtml(n) + "</button>";
      }).join(" ") + "?";
      p.addEventListener("click", function (ev) {
        var pick = ev.target.getAttribute && ev.target.getAttribute("data-name");
        if (pick) choose(pick);
      });
      panel.appendChild(p);
    });
  }

  function expand(node) {
    var id = node.id();
    if (state.expanded[id]) return;
    state.expanded[id] = true;
    if (state.expand.indexOf(id) < 0) state.expand.push(id);
    pushUrl();
    var seq = viewSeq;
    setStatus("Expanding " + node.data("label") + "…");
    gql(NEIGHBOURHOOD, { id: id, depth: 1 }).then(function (data) {
      if (seq !== viewSeq) return;
      if (!data.neighbourhood) return setStatus("");
      var n = addView(data.neighbourhood, null);
      layout(false);
      renderLegend();
      renderNodeList();
      setStatus(viewStatus = "Added " + n + " elements around " + node.data("label") + ".");
      showPanel(node);
      // What the expansion brought in is checked against "new since" like the root's view.
      if (state.since) highlightNew({ id: id, depth: 1 });
    }).catch(function (err) {
      if (seq !== viewSeq) return;
      // Not expanded after all: Expand (or another click) tries again.
      delete state.expanded[id];
      state.expand = state.expand.filter(function (x) { return x !== id; });
      pushUrl();
      setStatus(err.message, true);
      if (panel.dataset.node === id) showPanel(node);
    });
  }

  cy.on("tap", "node", function (ev) {
    var node = ev.target;
    if (state.selected === node.id()) expand(node);
    else select(node);
  });
  cy.on("tap", "edge", function (ev) { select(ev.target); });
  cy.on("tap", function (ev) {
    if (ev.target === cy) { cy.elements().removeClass("faded"); }
  });

  /** Selects a node (its edges and neighbours stay bright) or an edge (with its two ends). */
  function select(el) {
    cy.elements().unselect();
    el.select();
    state.selected = el.id();
    pushUrl();
    markCurrent();
    var hood = el.isNode() ? el.closedNeighborhood() : el.union(el.connectedNodes());
    cy.elements().addClass("faded");
    hood.removeClass("faded");
    showPanel(el);
  }

  // --- side panel ----------------------------------------------------------------------------

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  /** The text with [start, end) ranges wrapped in <mark>; overlapping ranges merge. */
  function highlight(text, ranges) {
    var rs = ranges.filter(function (r) { return r.start >= 0 && r.end > r.start && r.end <= text.length; })
      .sort(function (a, b) { return a.start - b.start; });
    var merged = [];
    rs.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r.start <= last.end) { last.end = Math.max(last.end, r.end); last.types.push(r.type); }
      else merged.push({ start: r.start, end: r.end, types: [r.type] });
    });
    var out = "", at = 0;
    merged.forEach(function (m) {
      out += escapeHtml(text.slice(at, m.start));
      out += "<mark data-type=\"" + escapeHtml(m.types[0]) + "\" title=\"" + escapeHtml(m.types.map(function (t) { return EDGE_WORDS[t] || t; }).join(", ")) + "\">" + escapeHtml(text.slice(m.start, m.end)) + "</mark>";
      at = m.end;
    });
    return out + escapeHtml(text.slice(at));
  }

  function edgeLine(edge) {
    return edge.source().data("label") + " " + (EDGE_WORDS[edge.data("type")] || edge.data("type")) + " " + edge.target().data("label");
  }

  /**
   * The panel of a node or an edge: each paper that states one of its edges, with the sentences
   * highlighted in its title and abstract. An entity shows its edges' sentences, a paper its own
   * sentences across the view (its edges and the builds-on edges it states), an edge its own.
   * Sentences and abstracts not read yet are fetched, and the panel redrawn when they arrive.
   */
  function showPanel(el) {
    var d = el.data();
    var isPaper = el.isNode() && d.kind === "Paper";
    var edges = el.isNode() ? el.connectedEdges() : el;
    if (isPaper) edges = edges.union(cy.edges("[type = 'BUILDS_ON']"));
    var store = isPaper ? (paperEvidence[d.id] || {}) : evidenceByEdge;
    var unread = edges.filter(function (e) { return !(e.id() in store); }).map(function (e) { return e.id(); });
    var papers = {}; // paper id -> {paper, title ranges, abstract ranges, lines}
    edges.forEach(function (edge) {
      (store[edge.id()] || []).forEach(function (ev) {
        var p = papers[ev.paper.id] || (papers[ev.paper.id] = { paper: ev.paper, title: [], abstract: [], lines: {} });
        var range = { start: ev.start, end: ev.end, type: edge.data("type") };
        if (ev.field === "title") p.title.push(range); else p.abstract.push(range);
        p.lines[edgeLine(edge) + (ev.claim ? ": " + ev.claim : "")] = true;
      });
    });
    var html;
    if (el.isNode()) {
      html = "<h2>" + escapeHtml(d.label) + "</h2><p class=meta>" + escapeHtml(d.kind);
      if (d.depth !== null && d.depth !== undefined && d.kind !== "Paper") html += " · lineage depth " + d.depth;
      html += "</p>";
      if (d.topicName) html += "<p><span class=topic style=\"border-color:" + (topicColour[d.topic] || "#ccc") + "\">" + escapeHtml(d.topicName) + "</span></p>";
      html += "<p><button id=expand type=button" + (state.expanded[d.id] ? " disabled" : "") + ">Expand</button> " +
        (d.kind !== "Paper" ? "<button id=recentre type=button>Centre here</button>" : "") + "</p>";
    } else {
      html = "<h2>" + escapeHtml(edgeLine(el)) + "</h2><p class=meta>" + escapeHtml(EDGE_WORDS[d.type] || d.type) + " edge</p>";
    }
    var ids = Object.keys(papers).sort(function (a, b) { return a === d.id ? -1 : b === d.id ? 1 : papers[a].paper.title.localeCompare(papers[b].paper.title); });
    if (unread.length) html += "<p class=hint id=evidence-loading>Reading the evidence sentences…</p>";
    else if (!ids.length) html += "<p class=hint>No evidence sentences on " + (el.isNode() ? "the edges shown here" + (state.expanded[d.id] ? "." : "; expand the node to see more.") : "this edge.") + "</p>";
    ids.forEach(function (id) {
      var p = papers[id];
      html += "<article data-paper=\"" + escapeHtml(id) + "\"><h3>" + highlight(p.paper.title, p.title) + "</h3>" +
        "<p class=edges>" + Object.keys(p.lines).map(escapeHtml).join("<br>") + "</p>" +
        "<p class=abstract>" + (id in abstracts ? highlight(abstracts[id], p.abstract) : "…") + "</p></article>";
    });
    // A redraw (the evidence arriving, an expansion done) must not drop the keyboard's focus to the
    // page's start: it stays on the same button, else (Expand now disabled) goes to the panel's heading.
    var focusedId = panel.contains(document.activeElement) ? document.activeElement.id : null;
    panel.innerHTML = html;
    panel.dataset.node = d.id;
    if (focusedId !== null) {
      var again = focusedId && $(focusedId);
      var heading = panel.querySelector("h2");
      if (again && !again.disabled) again.focus();
      else if (heading) { heading.tabIndex = -1; heading.focus(); }
    }
    var redraw = function () { if (panel.dataset.node === d.id) showPanel(el); };
    var fail = function (err) { setStatus(err.message, true); };
    if (unread.length) {
      fetchEvidence(unread, isPaper ? d.id : null).then(redraw, fail);
    } else {
      var missing = ids.filter(function (id) { return !(id in abstracts); });
      if (missing.length) fetchAbstracts(missing).then(redraw, fail);
    }
    var btn = $("expand");
    if (btn) btn.addEventListener("click", function () { expand(el); });
    var rc = $("recentre");
    if (rc) rc.addEventListener("click", function () { search.value = d.label; choose(d.label); });
  }

  function renderLegend() {
    var html = Object.keys(KIND_COLOURS).filter(function (k) { return k !== "Topic"; }).map(function (k) {
      return "<span><i style=\"background:" + KIND_COLOURS[k] + "\"></i>" + k + "</span>";
    }).join("");
    var shown = {};
    cy.nodes().forEach(function (n) { if (n.data("topic")) shown[n.data("topic")] = n.data("topicName"); });
    Object.keys(shown).forEach(function (id) {
      html += "<span><i class=ring style=\"border-color:" + topicColour[id] + "\"></i>" + escapeHtml(shown[id]) + "</span>";
    });
    legend.innerHTML = html;
  }

  // --- the nodes from the keyboard -----------------------------------------------------------

  // The canvas cannot take the focus, so the view's nodes are also a list of buttons right after the
  // header, out of sight until one has the focus (then shown over the graph). The list is one tab
  // stop; the arrow keys, Home and End move between nodes and ring the one under the focus on the
  // graph; Enter selects it and Enter again expands it, as a click and a second click do.

  function nodeOrder(a, b) {
    var rank = function (n) { return n.hasClass("root") ? 0 : n.data("kind") === "Paper" ? 2 : 1; };
    var depth = function (n) { var d = n.data("depth"); return d === null || d === undefined ? 99 : d; };
    return rank(a) - rank(b) || depth(a) - depth(b) || a.data("label").localeCompare(b.data("label"));
  }

  function nodeButton(id) {
    var found = null;
    nodeList.querySelectorAll("button").forEach(function (b) { if (b.dataset.id === id) found = b; });
    return found;
  }

  /** The list of the view's nodes, redrawn with the graph; a button that had the focus keeps it. */
  function renderNodeList() {
    var had = nodeList.contains(document.activeElement) ? document.activeElement.dataset.id : null;
    nodeList.innerHTML = "";
    cy.nodes().toArray().sort(nodeOrder).forEach(function (n) {
      var li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.tabIndex = -1;
      b.dataset.id = n.id();
      b.innerHTML = "<span></span> <span class=kind></span>";
      b.firstChild.textContent = n.data("label");
      b.lastChild.textContent = n.data("kind");
      li.appendChild(b);
      nodeList.appendChild(li);
    });
    var stop = nodeButton(had) || nodeButton(state.selected) || nodeList.querySelector("button");
    if (stop) stop.tabIndex = 0;
    markCurrent();
    if (had && stop) stop.focus();
  }

  /** aria-current on the selected node's button (none when an edge is selected). */
  function markCurrent() {
    nodeList.querySelectorAll("button").forEach(function (b) {
      if (b.dataset.id === state.selected) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    });
  }

  nodeList.addEventListener("keydown", function (ev) {
    var buttons = Array.prototype.slice.call(nodeList.querySelectorAll("button"));
    var at = buttons.indexOf(document.activeElement);
    if (at < 0 || !buttons.length) return;
    var to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    to = Math.max(0, Math.min(buttons.length - 1, to));
    buttons[at].tabIndex = -1;
    buttons[to].tabIndex = 0;
    buttons[to].focus();
  });
  nodeList.addEventListener("focusin", function (ev) {
    cy.nodes(".focused").removeClass("focused");
    if (ev.target.dataset && ev.target.dataset.id) cy.getElementById(ev.target.dataset.id).addClass("focused");
  });
  nodeList.addEventListener("focusout", function (ev) {
    if (!nodeList.contains(ev.relatedTarget)) cy.nodes(".focused").removeClass("focused");
  });
  nodeList.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button");
    var node = b && cy.getElementById(b.dataset.id);
    if (!node || node.empty()) return;
    if (state.selected === node.id()) expand(node);
    else select(node);
  });

  // --- start ---------------------------------------------------------------------------------

  readUrl();
  renderLegend();
  pushUrl();
  if (state.entity) loadRoot();
  else gql(START).then(function (data) {
    setStatus(data.topics.length ? data.topics.length + " topics in the graph. Search an entity to begin." : "Search an entity to begin.");
    if (!data.trending.length || state.entity) return;
    var start = document.createElement("p");
    start.id = "start";
    start.innerHTML = "Trending now: " + data.trending.map(function (t) {
      return "<button type=button data-name=\"" + escapeHtml(t.entity.name) + "\">" + escapeHtml(t.entity.name) + "</button>";
    }).join(" ");
    start.addEventListener("click", function (ev) {
      var name = ev.target.getAttribute && ev.target.getAttribute("data-name");
      if (name) choose(name);
    });
    panel.appendChild(start);
  }).catch(function (err) { setStatus(err.message, true); });
})();
