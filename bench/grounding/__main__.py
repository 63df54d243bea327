from bench.grounding.run import main

main()
