-- wrk: log in over and over as one account (scripts/bench.sh creates it).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"bench@example.org","password":"violet tugboat lantern"}'
