# The two commands of the README, and a few more.
.PHONY: demo test setup unit sanity lint integration molecule build bench clean

demo:        ## set up .venv and run playbooks/demo.yml on the built-in emulator
	tests/tools/demo.sh

test:        ## run every test stage (tests/tools/stages)
	tests/tools/test-all.sh

setup:
	tests/tools/setup.sh

unit sanity lint integration molecule build:
	ONLY=$@ tests/tools/test-all.sh

emulator:    ## start the emulator on port 5055 in the foreground
	tests/tools/setup.sh && .venv/bin/imageforge-emulator --port 5055

clean:
	rm -rf .tmp tests/output
