# The only entry point a user needs. `make` builds everything; `make test` runs the tests.
# The first run creates .venv and installs the pinned dependencies (constraints.txt).

PYTHON     ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed
SPHINX     := $(BIN)/python -P -m sphinx
SPHINXOPTS ?= -W --keep-going -n -q
BUILD      := _build
PAPER      ?= letter
# The paper, like the names below, reaches the PDF command as data, never as shell text.
override PAPER := $(value PAPER)
pdf: export override PAPER := $(PAPER)
# One lock for the whole checkout: a second `make` started while one runs waits for it,
# instead of using a half-made venv or reading half-written build files.
LOCK       := flock .make.lock
SPHINX     := $(LOCK) $(SPHINX)
# What you name on the command line (make new ARTICLE=… DEST=… ID=… TOOLKIT=…) reaches the
# command as data: kept as written (no make expansion) and passed in the environment of the
# two recipes that read it (not of the tests' or builds'), never pasted into a shell line.
override ARTICLE := $(value ARTICLE)
override DEST    := $(value DEST)
override ID      := $(value ID)
override TOOLKIT := $(value TOOLKIT)
override CHAPTER := $(value CHAPTER)
new add-source: export override ARTICLE := $(ARTICLE)
new add-source: export override DEST := $(DEST)
new add-source: export override ID := $(ID)
new add-source: export override TOOLKIT := $(TOOLKIT)

.DEFAULT_GOAL := all
.PHONY: all help venv html pdf readahead epub latex text live release new add-source lint test bench review clean distclean

all: html pdf epub ## Build the site, the PDF book with its one-page read-ahead, and the EPUB

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@$(LOCK) $(MAKE) --no-print-directory venv

# Inside the lock: a `make` that waited finds the venv made (newer than its inputs) and stops.
venv:
	@test $(STAMP) -nt pyproject.toml -a $(STAMP) -nt constraints.txt || { \
	  echo "Creating $(VENV) and installing the pinned dependencies (constraints.txt)…"; \
	  test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	  $(BIN)/python -P -m pip install -q --upgrade pip && \
	  $(BIN)/python -P -m pip install -q -c constraints.txt -e ".[dev,test]" && \
	  touch $(STAMP); }

html: $(STAMP) ## Build the website in _build/html/ (it prints and ships the one-page read-ahead PDF)
	$(SPHINX) -b html $(SPHINXOPTS) -d $(BUILD)/doctrees/html . $(BUILD)/html

pdf: $(STAMP) ## Build the PDF book and the one-page read-ahead in _build/pdf/
	$(SPHINX) -b briefingpdf $(SPHINXOPTS) -D "briefing_paper=$$PAPER" -d $(BUILD)/doctrees/pdf . $(BUILD)/pdf

readahead: pdf ## The one-page read-ahead PDF (built with the book)

epub: $(STAMP) ## Build the EPUB in _build/epub/
	$(SPHINX) -b epub $(SPHINXOPTS) -d $(BUILD)/doctrees/epub . $(BUILD)/epub

latex: $(STAMP) ## LaTeX sources in _build/latex/ (no TeX needed to generate them)
	$(SPHINX) -b latex $(SPHINXOPTS) -d $(BUILD)/doctrees/latex . $(BUILD)/latex

text: $(STAMP) ## Plain text in _build/text/
	$(SPHINX) -b text $(SPHINXOPTS) -d $(BUILD)/doctrees/text . $(BUILD)/text

live: $(STAMP) ## Serve the site with live reload while you edit
	$(BIN)/sphinx-autobuild -b html -n --watch source --watch sphinx_briefing . $(BUILD)/live

# Every PDF the build wrote, by the name it wrote: conf.py's setting is never pasted into a shell line.
review: pdf ## Render the PDF pages to PNG in _build/review/ for a visual check
	@command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install poppler-utils"; exit 1; }
	@rm -rf $(BUILD)/review && mkdir -p $(BUILD)/review
	for pdf in $(BUILD)/pdf/*.pdf; do pdftoppm -r 60 -png "$$pdf" "$(BUILD)/review/$$(basename "$$pdf" .pdf)" || exit 1; done

release: SPHINXOPTS += -D briefing_release=1
release: html pdf epub ## Build for publication (as Read the Docs does): fails, naming file and line, while any {draft} mark is left

new: $(STAMP) ## Start a new book: make new ARTICLE=path/to/article.txt DEST=../my-book [ID=short-id] [TOOLKIT=git+URL@COMMIT]
	@test -n "$$ARTICLE" && test -n "$$DEST" || { echo "make new: give the article and the new book's folder: make new ARTICLE=path/to/article.txt DEST=../my-book" >&2; exit 2; }
	$(BIN)/sphinx-briefing new --id="$$ID" --toolkit="$$TOOLKIT" -- "$$ARTICLE" "$$DEST"

add-source: $(STAMP) ## Add a source to this book: make add-source ARTICLE=path/to/article.txt [ID=short-id] [CHAPTER=1]
	@test -n "$$ARTICLE" || { echo "make add-source: give the article: make add-source ARTICLE=path/to/article.txt [ID=short-id] [CHAPTER=1]" >&2; exit 2; }
	$(BIN)/sphinx-briefing add-source --id="$$ID" $(if $(CHAPTER),--chapter) -- "$$ARTICLE" .

lint: $(STAMP) ## Check the code's format and lint rules (ruff; `$(BIN)/ruff format . && $(BIN)/ruff check --fix .` fixes most)
	$(BIN)/ruff format --check --quiet .
	$(BIN)/ruff check --quiet .

test: lint ## Lint, then run the test suite on every core (each worker builds the book once, into a temporary folder)
	$(BIN)/python -P -m pytest -n auto --dist loadfile

bench: $(STAMP) ## Print build timings: against plain Sphinx + MyST, and the PDF against HTML and LaTeX
	$(BIN)/python -m tests.bench

clean: ## Remove build outputs
	rm -rf $(BUILD)

distclean: clean ## Also remove the virtual environment
	rm -rf $(VENV) .make.lock
