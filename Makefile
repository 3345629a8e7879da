# The two commands of the README, and a few more.
.PHONY: demo test setup emulator unit sanity lint integration reliability playbooks awx build molecule component-run docs iam ee ee-image clean

demo:        ## set up .venv and run playbooks/demo.yml on the built-in emulator, twice
	tests/tools/demo.sh

test:        ## run every test stage (tests/tools/stages), one summary line at the end
	tests/tools/test-all.sh

setup:
	tests/tools/setup.sh

emulator:    ## start the emulator on port 5055 in the foreground
	tests/tools/setup.sh && .venv/bin/imageforge-emulator --port 5055

unit sanity lint integration reliability playbooks awx build molecule component-run docs iam:
	ONLY=$@ tests/tools/test-all.sh

ee:          ## the execution environment from its definition alone: build context, introspection, bindep check, venv
	tests/tools/setup.sh
	.venv/bin/python tests/tools/ee_env.py

ee-image:    ## the execution environment image, with podman, if the definition's base image is present locally
	tests/tools/setup.sh
	tests/tools/ee-image.sh

clean:
	rm -rf .tmp tests/output
