# PV/native plot for make bench: per pv-guest workload, PV build on rvpv over native build on
# OpenSBI, in instructions (-icount) and in host time (median of alternating rounds, min-max bars).
set terminal pngcairo size 760,420
set output png
set ylabel "PV on rvpv / native"
set style data histogram
set xtics rotate by -30
set yrange [0:*]
set key left top
set boxwidth 0.35
set style fill solid 0.6
plot dat using ($1-0.2):3:(0.35):xtic(2) with boxes title "-icount clock (instructions; file I/O: with waits)", \
     dat using ($1+0.2):4:(0.35) with boxes title "wall time (median)", \
     dat using ($1+0.2):4:5:6 with yerrorbars notitle lc rgb "black" pt 0, \
     1 with lines dt 2 lc rgb "gray" notitle
