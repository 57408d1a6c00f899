// Suggestions as you type (progressive enhancement): fills the search box's <datalist> with
// speakers, themes and series from /api/suggest. Every page works without this script.
(function () {
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (!input || !list || !window.fetch) return;
  var timer, asked = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var words = input.value.split(/\s+/), last = words.pop();
      if (last.length < 2 || input.value === asked) return;
      asked = input.value;
      var ui = document.documentElement.lang === "en" ? "&ui=en" : "";
      fetch("/api/suggest?q=" + encodeURIComponent(last) + ui)
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.suggestions.forEach(function (s) {
            var option = document.createElement("option");
            option.value = words.concat([s.query]).join(" ").trim();
            option.label = s.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
