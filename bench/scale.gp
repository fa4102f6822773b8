# Consolidation at scale for make bench (bench/report.py --scale-data): 1 to 64 VMs of 4 MiB, the
# same CPU job each, on -smp 4 and 8 under -icount: throughput against 1 VM on the same -smp and
# Jain's fairness index (left axis), the hypervisor's KiB per VM beyond its RAM (right axis).
set terminal pngcairo size 760,420
set output png
set xlabel "VMs (same CPU job each)"
set ylabel "throughput vs 1 VM / Jain index"
set y2label "hv KiB per VM beyond its RAM"
set logscale x 2
set xrange [0.8:80]
set xtics (1, 16, 32, 64)
set yrange [0:1.1]
set y2range [0:64]
set y2tics
set key below
plot dat index 0 using 1:2 with linespoints title "throughput, -smp 4", \
     dat index 1 using 1:2 with linespoints title "throughput, -smp 8", \
     dat index 0 using 1:3 with linespoints title "Jain, -smp 4", \
     dat index 1 using 1:3 with linespoints title "Jain, -smp 8", \
     dat index 0 using 1:4 axes x1y2 with points pt 7 title "hv KiB per VM, -smp 4", \
     dat index 1 using 1:4 axes x1y2 with points pt 9 title "hv KiB per VM, -smp 8"
