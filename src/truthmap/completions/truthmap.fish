# fish completion for truthmap.  Install: truthmap completion fish > ~/.config/fish/completions/truthmap.fish
# Static on purpose: completing never starts Python.

set -l commands report check compare serve evidence completion
complete -c truthmap -f
complete -c truthmap -n "not __fish_seen_subcommand_from $commands" -a report -d 'the full analysis of one profile'
complete -c truthmap -n "not __fish_seen_subcommand_from $commands" -a check -d 'one line per finding; for scripts and CI'
complete -c truthmap -n "not __fish_seen_subcommand_from $commands" -a compare -d 'two or more profiles side by side'
complete -c truthmap -n "not __fish_seen_subcommand_from $commands" -a serve -d 'the workbench in a browser'
complete -c truthmap -n "not __fish_seen_subcommand_from $commands" -a evidence -d "compare the tools' own client exports with the map"
complete -c truthmap -n "not __fish_seen_subcommand_from $commands" -a completion -d 'print a shell completion script'
complete -c truthmap -n "not __fish_seen_subcommand_from $commands" -l version -d 'show the version'
complete -c truthmap -n "not __fish_seen_subcommand_from completion" -k -a "(__fish_complete_suffix .toml)"

complete -c truthmap -n "__fish_seen_subcommand_from report" -l format -x -a "text markdown json html"
complete -c truthmap -n "__fish_seen_subcommand_from compare evidence" -l format -x -a "text markdown json"
complete -c truthmap -n "__fish_seen_subcommand_from report compare evidence" -s o -l output -r -F -d 'write to a file'
complete -c truthmap -n "__fish_seen_subcommand_from report compare" -l width -x -d 'line width'
complete -c truthmap -n "__fish_seen_subcommand_from report" -l date -x -d 'the date the report carries'
complete -c truthmap -n "__fish_seen_subcommand_from report" -l detail -d 'rule ids and profile paths beside each item'
complete -c truthmap -n "__fish_seen_subcommand_from report" -l target -r -k -a "(__fish_complete_suffix .toml)" -d 'the profile that plans its future'
complete -c truthmap -n "__fish_seen_subcommand_from check" -l fail-on -x -a "low medium high"
complete -c truthmap -n "__fish_seen_subcommand_from compare" -l tui -d 'open the compare screen'
complete -c truthmap -n "__fish_seen_subcommand_from serve" -l host -x -d 'address to listen on'
complete -c truthmap -n "__fish_seen_subcommand_from serve" -l port -x -d 'port to listen on'
complete -c truthmap -n "__fish_seen_subcommand_from serve" -l public -d 'allow other machines, with a token'
complete -c truthmap -n "__fish_seen_subcommand_from evidence" -l export -r -F -d "SYSTEM=FILE, a tool's export"
complete -c truthmap -n "__fish_seen_subcommand_from evidence" -l entity -x -a client
complete -c truthmap -n "__fish_seen_subcommand_from evidence" -l map -x -d 'SYSTEM:FIELD=COLUMN'
complete -c truthmap -n "__fish_seen_subcommand_from evidence" -l same -x -d 'lowest score of the same band'
complete -c truthmap -n "__fish_seen_subcommand_from evidence" -l review -x -d 'lowest score of the review band'
complete -c truthmap -n "__fish_seen_subcommand_from completion" -x -a "bash zsh fish"
