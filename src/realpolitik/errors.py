"""The project's exception tree and its table of coded messages.

Every problem realpolitik reports carries a stable code (``E0xx``) so that a user
can look it up or filter it, in the manner of spaCy's ``Errors`` table.
"""

from __future__ import annotations

__all__ = [
    "BatchError",
    "CorpusStoreError",
    "EditRefusedError",
    "Errors",
    "InputFileError",
    "ModelValidationError",
    "RealpolitikError",
    "ReportError",
    "SimulationError",
    "UnknownIdError",
    "UpdateError",
    "VersionConflictError",
]


class Errors:
    """Message templates, one per code; format them with ``str.format``."""

    # Reading files
    E001 = "no such file: {path}"
    E002 = "the file is empty: {path}"
    E003 = "the file looks binary (it holds NUL bytes), not text: {path}"
    E004 = "the file is not valid UTF-8 text ({reason}): {path}"
    E005 = "the file is too large: {size_mb:.1f} MB, the limit is {limit_mb:.0f} MB: {path}"
    E006 = "malformed YAML: {reason}"
    E007 = "a model file must hold a mapping at its top level, found {found}"
    E008 = "{path} is a directory, not a file"
    E009 = "cannot write {path}: {reason}"
    # Structure of the model
    E010 = "{message}"
    E011 = "duplicate id '{id}' (first used at {first})"
    E012 = "unknown {kind} '{ref}'"
    E013 = "invalid EDTF date '{value}': {reason}"
    E014 = "evidence span {start}..{end} lies outside document '{document}' ({length} characters)"
    E015 = "evidence points to document '{document}', which the model does not list"
    E016 = "the document at hand has sha256 {actual}, the model says {expected}"
    E017 = "'{field}' is only meaningful for people (kind: person), not for kind '{kind}'"
    E018 = "probability {probability} does not match band '{band}' ({low}..{high})"
    E019 = "valid_to {valid_to} comes before valid_from {valid_from}"
    E020 = "a causal link from '{concept}' to itself"
    E021 = "evidence span {start}..{end} is empty or reversed"
    E022 = "scenario '{scenario}' extends itself through a cycle of 'extends'"
    E024 = "unknown {kind} '{id}'; known: {known}"
    E023 = "estimative term '{term}' reads as '{reading}' but the forecast says '{band}' (fine if deliberate)"
    # Simulation and analysis
    E030 = "unknown concept '{concept}'; known concepts: {known}"
    E031 = "the model has no causal links to simulate"
    E032 = ("clamp value {value} for '{concept}' lies outside the range of the '{transfer}' transfer function "
            "({low}..{high})")
    E033 = "unknown scenario '{scenario}'; known scenarios: {known}"
    E034 = ("no stable draw among {draws}: every sampled community matrix had an eigenvalue with a non-negative "
            "real part")
    E035 = "the number of draws must be positive, got {draws}"
    E036 = "the community matrix is singular, so the response to a press is undefined"
    E037 = "unknown {kind} '{value}'; choose one of: {known}"
    E038 = "no draw agrees with the observed outcomes: all {stable} stable draws of {draws} contradict {observed}"
    E039 = "the direction for '{concept}' must be {allowed}, got {value}"
    E040 = "{option} must be {requirement}, got {value}"
    E041 = ("no scenario to simulate: the model has none; run clamps ad hoc with --clamp CONCEPT=VALUE, or keep a "
            "scenario with `realpolitik scenario add MODEL ID --name NAME --clamp CONCEPT=VALUE`")
    # Reports (E050 on)
    E050 = "unknown report format '{fmt}'; choose one of: {known}"
    E051 = "unknown figure format '{fmt}'; choose one of: {known}"
    E052 = "{path} is a directory; name the report file, e.g. {path}/report.{suffix}"
    E053 = "cannot write the report to {path}: {reason}"
    E054 = "press on '{concept}' gave no result: {reason}"
    E055 = "the scenarios could not be simulated: {reason}"
    # Analysis commands (E060 on)
    E060 = "not a date realpolitik can place: {reason}"
    E061 = "give --outcome (true or false) with --resolve {forecast}"
    E062 = "--outcome, --date and --source only make sense with --resolve ID"
    # Ranges for the stages to come, so that parallel work never takes the same code:
    # ingest E100-E129, corpus store and batch E130-E159, extraction and draft E160-E189,
    # causal and forecast extraction and eval E190-E199 and E220-E239, web app E240-E269.
    # Web app (E240-E269)
    E240 = "no document '{id}' in the model; known: {known}"
    E241 = "unknown section '{section}'; items are reviewed in: {known}"
    E242 = "no {kind} '{id}' in the model"
    E243 = ("the model changed since this page read it (your version {given}, now {current}): someone else saved "
            "first; reload to see their change, then redo yours")
    E244 = "say which version you changed: send the ETag of GET /api/model in an If-Match header"
    E245 = "the change would leave the model invalid, so nothing was saved: {reason}"
    E246 = "nothing to undo: no change made through the web app is left in the history"
    E247 = "'{field}' cannot be changed here: {why}"
    E249 = "missing or wrong token: open the link `realpolitik serve` printed, or send it as X-Realpolitik-Token"
    E250 = "the text of document '{id}' is not at hand: pass --documents DIR or set $REALPOLITIK_DOCUMENTS"
    E251 = "cannot write {path}: {reason}"
    E252 = "no scenario '{id}'; known: {known}"
    E253 = "the port {port} on {host} is taken or cannot be bound: {reason}"
    E254 = "document '{id}' is in the model already; open it from the documents page"
    E255 = "no corpus store is served: start the app with --corpus DIR"
    # Review operations on the whole model: merges and bulk actions (E256-E268)
    E256 = "only actors or concepts are merged, not {section}"
    E257 = "'{id}' cannot be merged with itself: name two different {kind}s"
    E258 = ("merging '{merged}' into '{kept}' would make {kind} '{item}' point from '{kept}' to itself; "
            "reject or edit it first")
    E259 = ("merging '{merged}' into '{kept}' would leave {kind}s '{first}' and '{second}' as the same link "
            "({link}); reject one of them first")
    E260 = ("scenario '{scenario}' holds '{kept}' and '{merged}' at different values ({first} and {second}); "
            "edit the scenario first")
    E261 = "nothing to {action}: {why}"
    E262 = "unknown bulk action '{action}'; choose accept or reject"
    E263 = "a confidence threshold must lie in 0..1, got {value}"
    E264 = "the selection {start}..{end} lies outside document '{document}' ({length} characters)"
    E265 = "a {what} needs {need}"
    # Hostile and oversized input (E270-E299): limits that keep a bad file from hanging or crashing a command
    E270 = ("YAML aliases of lists and mappings are not read ({where} refers to '&{alias}'): expanding them lets a "
            "small file grow to gigabytes; write the value out where it is needed")
    E271 = ("{where} nests mappings and lists deeper than {limit} levels; a model needs about six (raise the limit "
            "with ${env} if the file really needs more)")
    E272 = ("`corpus query` reads only the corpus's own tables: files, other databases, extensions and settings are "
            "out of its reach ({reason})")
    E273 = ("the change would make the model file {size_mb:.1f} MB, above the {limit_mb:.0f} MB that realpolitik reads "
            "back, so nothing was saved: {path}")
    E274 = ("the token must be at least {minimum} characters without spaces, got {length} character(s){spaces}; "
            "make one with: python -c 'import secrets; print(secrets.token_urlsafe(24))'")
    E275 = ("the request body is {size} bytes, above the limit of {limit} bytes (start `realpolitik serve` with "
            "--max-body-mb to raise it)")
    E277 = ("{steps} steps x {runs} run(s) x {concepts} concepts would take {gb:.1f} GB of memory, above the limit of "
            "{limit_gb:.1f} GB; lower --steps (runs stop early once they settle), or raise the limit with ${env} (MB)")
    E278 = ("the PDF holds a stream that inflates beyond the reader's limit, as a decompression bomb does ({reason}); "
            "nothing of it was read: {path}")
    E279 = ("the text is {length:,} characters long, above the {limit:,} the extractor parses at once (spaCy's "
            "max_length, which bounds its memory); extract_document, extract_text and extract_file read such a text in "
            "sections")
    E283 = ("the text is {size:,} bytes ({size_mb:.1f} MB), above the limit of {limit:,} bytes the extractor reads "
            "(raise it with --max-mb on `realpolitik extract`, or limit= in Python)")
    E280 = ("unexpected failure ({kind}: {reason}); nothing more was done. This is a bug: please report it with "
            "the command, and set REALPOLITIK_DEBUG=1 to see where it happened")
    E281 = ("the workbook unpacks to {size_mb:.0f} MB, above the limit of {limit_mb:.0f} MB (a zip bomb, or a sheet "
            "far larger than a map needs); nothing was imported: {path}")
    E282 = "more than {limit:,} rows to import; split the list or import it as a JSON model: {path}"
    E276 = "{where} holds {what}; numbers must be finite (NaN and Infinity are not JSON)"
    E284 = "{where} is not UTF-8 JSON text: {reason}"
    E285 = ("the press was not computed: the worker process computing it stopped ({reason}); send it again, and "
            "a fresh worker will answer")
    # Ingest (E100-E129): reading documents of any format into IngestedDocument
    E100 = "no such file or folder: {path}"
    E101 = "the file is empty: {path}"
    E102 = "the file looks binary ({reason}), not a text document: {path}"
    E103 = (
        "the file is too large: {size_mb:.1f} MB, the limit is {limit_mb:.1f} MB "
        "(raise it with --max-mb, or limit= in Python): {path}"
    )
    E104 = "cannot tell the file's text encoding (not UTF-8, and no other encoding fits): {path}"
    E105 = "no text is left once page boilerplate is dropped: {path}"
    E106 = "no main text found in the HTML page (only scripts, navigation or boilerplate): {path}"
    E107 = "the PDF holds no extractable text (a scanned or image-only PDF? run OCR on it first): {path}"
    E108 = "cannot read the PDF ({reason}): {path}"
    E109 = "unsupported document format '{fmt}' (realpolitik reads {known}): {path}"
    E110 = "same bytes as {first}, already read (sha256 {id}): {path}"
    E111 = "no documents found under {path}"
    E112 = "cannot write {path}: {reason}"
    E113 = "the size limit must be a positive number of megabytes, got {value}"
    E114 = "cannot read {path}: {reason}"
    E115 = "the publication date must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got '{value}'"
    # Corpus store and batch extraction (E130-E159)
    E130 = ("{path} is not a realpolitik corpus database, or it is damaged ({reason}); move it aside or name another "
            "--data-dir")
    E131 = "the corpus database {path} is locked by another process{holder}; try again when that process has finished"
    E132 = "cannot use {path} as the data directory: {reason}"
    E133 = "no document with id '{id}' in the corpus (ids are shown by `realpolitik corpus list`)"
    E134 = "the id prefix '{prefix}' matches {count} documents; give more characters"
    E135 = "the query failed: {reason}"
    E136 = "`corpus query` only reads; to change the corpus use add, extract or import ({reason})"
    E137 = "no Dask scheduler answers at {address} within {timeout:g} s ({reason}); nothing was extracted"
    E138 = "cannot read {path}: {reason}"
    E139 = "the Dask scheduler at {address} has no workers (waited {timeout:g} s); nothing was extracted"
    E140 = "the extractor is not available ({reason})"
    E141 = "{path} holds no table exported by `realpolitik corpus export` (expected files such as documents.parquet)"
    E142 = "cannot import {path}: {reason}"
    E143 = "the query selected no documents"
    E144 = "the query's first column must hold document ids; {count} value(s) are not in the corpus, e.g. '{example}'"
    E145 = "none of the {count} selected document(s) has an extraction yet; run `realpolitik corpus extract` first"
    E146 = "{option} must be {requirement}, got {value}"
    E147 = ("the Dask cluster failed during the batch ({reason}); {done} document(s) were saved, rerun to finish "
            "the rest")
    E148 = "cannot write {path}: {reason}"
    E149 = "no file to add: {path} holds no files"
    # Extraction (E160-E179)
    E160 = "the spaCy pipeline '{name}' cannot be loaded: {reason}"
    E161 = "cannot read the data file {path}: {reason}"
    E162 = "unknown output format '{fmt}'; choose one of: {known}"
    E163 = "{path} is not a PLOVER gold-standard file: {reason}"
    E164 = "cannot write {path}: {reason}"
    E165 = "the text to extract from is empty"
    E166 = ("the text holds no words to read sentences from (only digits, symbols or markup); nothing was "
            "extracted")
    # Causal and forecast extraction, the causal-sentence classifier, CNC evaluation (E190-E199, E220-E239)
    E190 = "cannot read the causal-cue lexicon {path}: {reason}"
    E191 = "cannot read the estimative-term table {path}: {reason}"
    E192 = "the doc has no dependency parse: {what} needs a spaCy pipeline with a parser"
    E193 = "cannot load the causal-sentence classifier {path}: {reason}"
    E194 = "{path} is not a Causal News Corpus file: {reason}"
    E195 = "{path} has a header but no rows"
    E196 = "{path}, row {row}: {reason}"
    # Drafting a model from an extraction, and scoring extraction against a gold model (E180-E189)
    E180 = "cannot read {path} as an extraction: {reason}"
    E181 = "the extraction's document id '{id}' is not a sha256 (64 hex digits)"
    E182 = "the drafted model fails its checks (a bug; please report it): {problems}"
    E183 = "cannot write the model to {path}: {reason}"
    E184 = "the output {path} is the input itself; name another file with -o"
    E185 = "cannot run the extractor on {path} ({reason}); pass an extraction JSON file instead"
    E186 = "no document to evaluate: {reason}"
    E187 = "the extraction is of document {document}, which the gold model does not list (it lists {known})"
    E188 = "{path} is not a valid model ({count} problem(s); `realpolitik validate {path}` lists them): {first}"
    # Exports and imports (E200 on)
    E200 = "the {what} has no edges, so there is nothing to import"
    E201 = "the imported items do not fit the model format: {reason}"
    E202 = "cannot read {path} as {fmt}: {reason}"
    E203 = "unknown export format '{fmt}'; choose one of: {known}"
    E204 = "unknown import format '{fmt}'; choose one of: {known}"
    E205 = "the matrix in {path} is not square: {rows} rows and {columns} columns"
    E206 = "the matrix in {path} names its rows and columns differently: {detail}"
    E207 = "unknown column(s) {unknown} in {path}; the columns understood are: {known}"
    E208 = "missing column(s) {missing} in {path}; found: {found}"
    E209 = "{path}, {where}: {reason}"
    E210 = "cannot write {path}: {reason}"
    E211 = "{path} holds no {what}"
    E212 = "unknown linguistic term '{term}' at {where}; known terms: {known}"
    E213 = "the {fmt} export writes several files; give a folder (or a name without a suffix), not {path}"
    # Updating a model with later documents (E300-E319)
    E300 = ("{path} has no publication date; give it with --published YYYY-MM-DD (once per document, in order) "
            "or in an index.csv beside it")
    E301 = "{given} --published date(s) for {count} document(s); give one per document, in the order of the documents"
    E302 = "cannot read the document index {path}: {reason}"
    E303 = "the model file {path} changed on disk during the update; nothing was written (run the update again)"
    E304 = "the output {path} is the model itself; name another file with -o"
    E305 = "no later documents to update the model with: {reason}"
    E306 = "cannot load the sentence embedder {path}: {reason}"
    E307 = "'{value}' is not a publication date for {path}: {reason}"
    E308 = "cannot write the update record {path}: {reason}"
    E309 = "cannot read the update record {path}: {reason}"


class RealpolitikError(Exception):
    """Base class of every error realpolitik raises on purpose.

    ``code`` is the message's code in :class:`Errors` when the error was made with :meth:`coded` (None for an
    uncoded message), so that a caller tells errors apart by code, never by their words.

    Examples
    --------
    >>> error = InputFileError.coded("E101", path="a.txt")
    >>> error.code, str(error), isinstance(error, RealpolitikError)
    ('E101', 'the file is empty: a.txt', True)
    """

    def __init__(self, *args: object, code: str | None = None) -> None:
        super().__init__(*args)
        self.code = code

    @classmethod
    def coded(cls, code: str, **fields: object):
        """The error of message ``code`` of :class:`Errors`, formatted with ``fields``, remembering its code."""
        return cls(getattr(Errors, code).format(**fields), code=code)


class InputFileError(RealpolitikError):
    """A file could not be read as the kind of input expected (missing, empty, binary, too big, malformed)."""


class ModelValidationError(RealpolitikError):
    """A model failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        lines = [str(problem) for problem in problems]
        super().__init__(f"{len(problems)} problem(s):\n" + "\n".join(lines))


class VersionConflictError(RealpolitikError):
    """The model file changed since the caller read it (E243), or the caller named no version (E244)."""

    @property
    def missing(self) -> bool:
        """True when no version was given at all (HTTP 428 rather than 409)."""
        return self.code == "E244"


class EditRefusedError(RealpolitikError):
    """A change would leave the model invalid, or touches what cannot be changed; nothing is written."""


class UnknownIdError(RealpolitikError, KeyError):
    """An id (actor, concept, scenario …) is not in the model."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class SimulationError(RealpolitikError):
    """A simulation or perturbation analysis cannot be run on the given model or options."""


class ReportError(RealpolitikError):
    """A report cannot be produced or written (unknown format, unwritable path)."""


class CorpusStoreError(RealpolitikError):
    """The corpus database cannot be opened, read or written (damaged, locked, a failed query)."""


class BatchError(RealpolitikError):
    """A batch extraction cannot run or was cut short (no scheduler, a failed cluster, no extractor)."""


class UpdateError(RealpolitikError):
    """A model cannot be updated with later documents (no date, no documents, the model changed meanwhile).

    Its message starts with its code (``[E300] …``), so a user can look the code up in docs/update.md.
    """

    @classmethod
    def coded(cls, code: str, **fields: object):
        """The error of message ``code``, its text led by ``[code]``."""
        return cls(f"[{code}] " + getattr(Errors, code).format(**fields), code=code)

