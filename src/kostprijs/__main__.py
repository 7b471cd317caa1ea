from kostprijs.cli import main

raise SystemExit(main())
