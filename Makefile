# The two commands of the README, and a few more.
.PHONY: demo test check aws-acceptance setup emulator unit static sanity lint integration reliability playbooks error-paths awx build molecule component-run docs iam ee ee-image clean

demo:        ## set up .venv and run playbooks/demo.yml on the built-in emulator, twice
	tests/tools/demo.sh

test:        ## run every test stage (tests/tools/stages), one summary line at the end
	tests/tools/test-all.sh

check:       ## the fast loop: unit tests, ruff, mypy and sanity on the files changed since main
	tests/tools/check.sh

aws-acceptance:  ## the integration targets against a real AWS account (DRY_RUN=1: the plan and its cost only)
	tests/tools/setup.sh
	tests/tools/aws-acceptance.sh

setup:
	tests/tools/setup.sh

emulator:    ## start the emulator on port 5055 in the foreground
	tests/tools/setup.sh && .venv/bin/imageforge-emulator --port 5055

unit static sanity lint integration reliability playbooks error-paths awx build molecule component-run docs iam:
	ONLY=$@ tests/tools/test-all.sh

ee:          ## the execution environment from its definition alone: build context, introspection, bindep check, venv
	tests/tools/setup.sh
	.venv/bin/python tests/tools/ee_env.py

ee-image:    ## the execution environment image, with podman, if the definition's base image is present locally
	tests/tools/setup.sh
	tests/tools/ee-image.sh

clean:
	rm -rf .tmp tests/output .mypy_cache .ruff_cache
