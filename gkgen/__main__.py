from gkgen.cli import main

main()
