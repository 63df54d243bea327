from bench.facts.run import main

main()
