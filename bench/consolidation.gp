# Consolidation plot for make bench: throughput relative to 1 VM and Jain's index, per VM count.
set terminal pngcairo size 640,400
set output png
set xlabel "VMs on 2 harts"
set ylabel "relative throughput / Jain index"
set yrange [0:*]
set key left top
plot dat using 1:2 with linespoints title "throughput vs 1 VM", \
     dat using 1:3 with linespoints title "Jain's fairness"
