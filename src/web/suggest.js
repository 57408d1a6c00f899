// Suggestions as you type (progressive enhancement): turns the search box into a WAI-ARIA 1.2
// combobox with a listbox popup of speakers, themes, series and titles from /api/suggest. Without this
// script the box is a plain search field and every page works the same.
//
// Keyboard (as the APG combobox pattern): Down/Up move through the suggestions (Alt+Down opens
// them), Enter takes the one shown as active into the box, Escape closes the list (a second
// Escape leaves the box as it is), Tab leaves. A click or tap on a suggestion takes it too.
// Taking one replaces the word being typed with its query (`spreker:"Herman de Mönnink"`);
// taking a title opens that item's page.
// The list is built with DOM calls and styled by classes: the Content-Security-Policy allows
// no inline script or style.
(function () {
  var input = document.getElementById("q");
  if (!input || !window.fetch || !input.parentNode) return;
  var listId = "q-suggestions";
  var list = document.createElement("ul");
  list.id = listId;
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("data-suggestions-label") || "Suggestions");
  list.hidden = true;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  var timer, asked = null, shown = [], active = -1, request = 0;
  var ui = document.documentElement.lang === "en" ? "&ui=en" : "";

  function open(isOpen) {
    list.hidden = !isOpen;
    input.setAttribute("aria-expanded", isOpen ? "true" : "false");
    if (!isOpen) setActive(-1);
  }
  function setActive(index) {
    active = index;
    var options = list.children;
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      if (options[index].scrollIntoView) options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  // The box's words before the one being typed, and that word.
  function split() {
    var words = input.value.split(/\s+/);
    var last = words.pop();
    return { before: words.filter(Boolean), last: last };
  }
  function take(index) {
    var s = shown[index];
    if (!s) return;
    // An item suggested by its title: its page is what was asked for.
    if (s.type === "title" && s.url && s.url.charAt(0) === "/") { window.location.assign(s.url); return; }
    input.value = split().before.concat([s.query]).join(" ") + " ";
    asked = input.value;
    open(false);
    input.focus();
  }
  function render(suggestions) {
    shown = suggestions;
    list.textContent = "";
    suggestions.forEach(function (s, i) {
      var option = document.createElement("li");
      option.id = listId + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.className = "value";
      name.textContent = s.value;
      var kind = document.createElement("span");
      kind.className = "kind";
      // The label is "Name (speakers, 3)": what follows the name says the kind and count.
      kind.textContent = " " + s.label.slice(s.value.length).trim();
      option.appendChild(name);
      option.appendChild(kind);
      // Keep the focus in the box while the pointer goes down; the click takes the option.
      option.addEventListener("mousedown", function (e) { e.preventDefault(); });
      option.addEventListener("click", function () { take(i); });
      list.appendChild(option);
    });
    open(suggestions.length > 0);
    var template = input.getAttribute("data-suggestions-found") || "{n}";
    status.textContent = suggestions.length ? template.replace("{n}", suggestions.length) : "";
  }
  function fetchSuggestions() {
    var last = split().last;
    if (input.value === asked) return;
    asked = input.value;
    if (last.length < 2) { render([]); return; }
    var mine = ++request;
    fetch("/api/suggest?q=" + encodeURIComponent(last) + ui)
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) {
        // An answer to an older keystroke that arrives late is dropped.
        if (mine === request && document.activeElement === input) render(data.suggestions || []);
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (e) {
    var count = list.children.length;
    if (e.key === "ArrowDown") {
      if (!count) return;
      e.preventDefault();
      if (list.hidden) { open(true); if (e.altKey) return; setActive(0); return; }
      setActive(active + 1 < count ? active + 1 : 0);
    } else if (e.key === "ArrowUp") {
      if (!count) return;
      e.preventDefault();
      if (list.hidden) open(true);
      setActive(active > 0 ? active - 1 : count - 1);
    } else if (e.key === "Enter") {
      if (!list.hidden && active >= 0) { e.preventDefault(); take(active); }
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); open(false); }
    } else if (e.key === "Tab") {
      open(false);
    }
  });
  input.addEventListener("blur", function () { open(false); });
})();
