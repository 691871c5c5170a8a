// Shows the percentage or rate a numerator and denominator make, as the officer types them.
(function () {
  var SCALE = { percent: 100, rate10k: 10000 };
  var SUFFIX = { percent: "%", rate10k: " per 10,000" };

  function number(input) {
    var text = input.value.replace(/,/g, "").trim();
    return text === "" ? NaN : Number(text);
  }

  function update(output) {
    var ids = output.htmlFor.value.split(" ");
    var numerator = number(document.getElementById(ids[0]));
    var denominator = number(document.getElementById(ids[1]));
    var unit = output.dataset.unit;
    if (isNaN(numerator) || isNaN(denominator) || denominator <= 0) {
      output.textContent = "";
      return;
    }
    var places = Math.max(Number(output.dataset.places) || 0, 1);
    output.textContent = "= " + (numerator / denominator * SCALE[unit]).toFixed(places) + SUFFIX[unit];
  }

  document.querySelectorAll("output.kpi-entry__computed").forEach(function (output) {
    output.htmlFor.value.split(" ").forEach(function (id) {
      var input = document.getElementById(id);
      if (input) input.addEventListener("input", function () { update(output); });
    });
  });
})();
