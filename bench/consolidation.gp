# Consolidation plot for make bench: throughput relative to 1 VM and Jain's index per VM count,
# under -icount (deterministic) and in host time (both harts in parallel).
set terminal pngcairo size 720,420
set output png
set xlabel "VMs on 2 harts (same CPU job each)"
set ylabel "throughput vs 1 VM / Jain index"
set yrange [0:2.2]
set xtics (1, 2, 4, 8)
set key right bottom
plot dat using 1:2 with linespoints title "throughput, -icount", \
     dat using 1:3 with linespoints title "Jain, -icount", \
     dat using 1:4 with linespoints title "throughput, host time", \
     dat using 1:5 with linespoints title "Jain, host time"
