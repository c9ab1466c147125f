from gkgen.cli.main import main

main()
