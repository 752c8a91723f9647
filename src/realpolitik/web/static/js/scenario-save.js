// "Save these controls as a scenario": the ticked concepts and their sliders become a scenario of the model
// (POST /api/scenarios, which calls model.edit.add_scenario); undo on the documents page takes it back.
// Kept apart from scenarios.js, which runs the controls: this only reads them.
import { api, say, sayError } from "./common.js";

function tickedClamps() {
  const clamps = {};
  for (const box of document.querySelectorAll('#concept-controls input[type="checkbox"][data-concept]:checked')) {
    const slider = document.getElementById(`slider-${box.dataset.concept}`);
    if (slider) clamps[box.dataset.concept] = Number(slider.value);
  }
  return clamps;
}

document.getElementById("save-scenario").addEventListener("submit", async (event) => {
  event.preventDefault();
  const clamps = tickedClamps();
  const name = document.getElementById("scenario-name").value.trim();
  if (!Object.keys(clamps).length) { say("Tick at least one concept to hold before saving.", "error"); return; }
  try {
    const { version } = await api("GET", "/api/model");
    const result = await api("POST", "/api/scenarios", { body: { name, clamps }, version });
    say(`Saved scenario ${result.id} (${Object.keys(clamps).length} concept(s) held). Undo on the documents page `
      + "takes it back; reload to see it among the scenarios.");
  } catch (error) { sayError(error); }
});
