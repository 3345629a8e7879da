# The two commands of the README, and a few more.
.PHONY: demo test check setup emulator unit static sanity lint integration reliability playbooks error-paths build molecule component-run docs iam ee clean

demo:        ## set up .venv and run playbooks/demo.yml on the built-in emulator, twice
	tests/tools/demo.sh

test:        ## run every test stage (tests/tools/stages), one summary line at the end
	tests/tools/test-all.sh

check:       ## the fast loop: unit tests, ruff, mypy and sanity on the files changed since main
	tests/tools/check.sh

setup:
	tests/tools/setup.sh

emulator:    ## start the emulator on port 5055 in the foreground
	tests/tools/setup.sh && .venv/bin/imageforge-emulator --port 5055

unit static sanity lint integration reliability playbooks error-paths build molecule component-run docs iam:
	ONLY=$@ tests/tools/test-all.sh

ee:          ## an ansible-builder build context for the execution environment, in .tmp/ee-context
	tests/tools/setup.sh
	.venv/bin/ansible-galaxy collection build --force --output-path .tmp/dist .
	.venv/bin/ansible-builder create -f execution-environment.yml -c .tmp/ee-context

clean:
	rm -rf .tmp tests/output .mypy_cache .ruff_cache
