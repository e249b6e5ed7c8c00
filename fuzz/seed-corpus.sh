#!/usr/bin/env bash
# Seed each fuzz target's corpus (fuzz/corpus/<target>/, not committed) from
# the repository's real files, plus a few small hand-written inputs where the
# repository has no file of that kind small enough (libFuzzer's maximum input
# length follows the largest seed). Existing corpus files are kept.
set -euo pipefail
cd "$(dirname "$0")"
root=..
c=corpus
mkdir -p "$c"/{places,legs,meta,overlay,basemap,openflights_airports,openflights_routes,pairs,cli_args,quick_spec,write_folder,write_file}
for d in "$root"/routes/*/; do
  n=$(basename "$d")
  cp "$d/places.csv" "$c/places/$n.csv"
  cp "$d/legs.csv" "$c/legs/$n.csv"
  [ -f "$d/dataset.toml" ] && cp "$d/dataset.toml" "$c/meta/$n.toml"
done
cp "$root/bench/pairs-32.csv" "$c/pairs/pairs-32.csv"
printf 'from,to,k\nmoscow,kyiv,3\nkyiv,minsk,\n' > "$c/pairs/small.csv"
printf 'Pyongyang-Vladivostok-Moscow-Donetsk, Vladivostok-Volgograd-Donetsk' > "$c/quick_spec/issue-names.txt"
printf 'FNJ-VVO-SVO-ROV' > "$c/quick_spec/issue-codes.txt"
printf 'Donetsk (RU)>@47.2,39.7-Rostov-on-Don, Пхеньян-평양→UHWW' > "$c/quick_spec/mixed.txt"
# write_folder and write_file read structured input (arbitrary): any bytes
# will do as seeds; these give a few files with names and bytes.
printf 'places.csv\0id,name\nlegs.csv\0route\n..\0x\0a/b\0y' > "$c/write_folder/names.bin"
for k in 0 1 2 3 4 5 6 7; do printf "\\x0${k}previous map bytes" > "$c/write_file/kind-$k.bin"; done
# Bad-input cases are good seeds too.
for f in "$root"/tests/bad-input/*/places.csv; do [ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 8192 ] && cp "$f" "$c/places/bad-$(basename "$(dirname "$f")").csv"; done
for f in "$root"/tests/bad-input/*/legs.csv; do [ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 8192 ] && cp "$f" "$c/legs/bad-$(basename "$(dirname "$f")").csv"; done
for f in "$root"/tests/bad-input/*/dataset.toml; do [ -f "$f" ] && cp "$f" "$c/meta/bad-$(basename "$(dirname "$f")").toml"; done
for f in "$root"/tests/bad-input/*/overlay.geojson; do [ -f "$f" ] && cp "$f" "$c/overlay/bad-$(basename "$(dirname "$f")").geojson"; done
for f in "$root"/tests/bad-input/*/airports.dat; do [ -f "$f" ] && cp "$f" "$c/openflights_airports/bad-$(basename "$(dirname "$f")").dat"; done
for f in "$root"/tests/bad-input/*/routes.dat; do [ -f "$f" ] && cp "$f" "$c/openflights_routes/bad-$(basename "$(dirname "$f")").dat"; done
cat > "$c/overlay/all-geometries.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"Hatched area","fill":"#cc79a7","hatch":true},
  "geometry":{"type":"Polygon","coordinates":[[[36,46],[41,46],[41,50],[36,50],[36,46]]]}},
 {"type":"Feature","properties":{"name":"A line","stroke":"#e69f00"},
  "geometry":{"type":"LineString","coordinates":[[50,45],[90,48]]}},
 {"type":"Feature","properties":{"name":"Multi"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}},
 {"type":"Feature","properties":{"name":"ML"},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]}},
 {"type":"Feature","properties":{"name":"MP"},"geometry":{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}},
 {"type":"Feature","properties":{"name":"A point"},"geometry":{"type":"Point","coordinates":[100,60]}}]}
EOF
cat > "$c/basemap/small.json" <<'EOF'
{"type":"Topology","transform":{"scale":[0.036,0.017],"translate":[-180,-85]},"arcs":[[[0,0],[100,0],[0,100],[-100,-100]],[[100,0],[50,50]],[[5000,5000],[10,0],[0,10],[-10,-10]]],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]]},{"type":"MultiPolygon","arcs":[[[2]],[[-1]]]},{"type":"Point"}]},"land":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[0]]}]}}}
EOF
cat > "$c/basemap/no-transform.json" <<'EOF'
{"arcs":[[[0,0],[10,0],[10,10],[0,0]],[[10,0],[10,10]]],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[0]]},{"type":"Polygon","arcs":[[-1]]}]},"land":{"geometries":[{"type":"Polygon","arcs":[[0]]}]}}}
EOF
cat > "$c/openflights_airports/real.dat" <<'EOF'
2985,"Sheremetyevo International Airport","Moscow","Russia","SVO","UUEE",55.972599,37.4146,622,3,"N","Europe/Moscow","airport","OurAirports"
2934,"Vladivostok International Airport","Vladivostok","Russia","VVO","UHWW",43.39899826049805,132.1479949951172,46,10,"N","Asia/Vladivostok","airport","OurAirports"
2279,"Sunan International Airport","Pyongyang","North Korea","FNJ","ZKPY",39.224098,125.67,117,9,"U","Asia/Pyongyang","airport","OurAirports"
1,"Nowhere","Null Island","","NUL","XXXX",0,0,0,0,"U","\N","airport","OurAirports"
2,"No code","Somewhere","Russia",\N,"UUDD",55.4,37.9,588,3,"N","Europe/Moscow","airport","OurAirports"
EOF
cat > "$c/openflights_routes/real.dat" <<'EOF'
SU,130,SVO,2985,VVO,2934,,0,333
S7,4329,SVO,\N,VVO,\N,,0,320
JS,1,FNJ,2279,SVO,2985,Y,1,ILW
XX,1,NUL,1,SVO,\N,,0,320
XX,1,UUDD,2,SVO,2985,,0,320
EOF
i=0
for s in 1600x900 170x120mm 7x5in a4-column 200x150px 20000x20000 ' 1e3x1e3 ' \
  20,35,140,70 170,-10,-170,10 -180,-90,180,90 50,90 -90,-180 ' 0 , 0 ' \
  auto lcc aeqd laea merc robin eqearth ORTHO nan,1 1e999x2; do
  printf '%s' "$s" > "$c/cli_args/seed-$i"
  i=$((i + 1))
done
echo "seeded $(find "$c" -type f | wc -l) files under fuzz/$c"
