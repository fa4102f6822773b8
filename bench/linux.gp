# Linux side by side for make bench (bench/linux.sh, bench/lreport.py): per workload, PV on rvpv
# and unmodified on rvpv over native on plain QEMU in -icount instructions (boot, system call,
# fork; disk: instructions per request, with the soaker), and PV/native in host time (disk:
# throughput; the others: native time / PV time), median of the rounds with min-max bars.
set terminal pngcairo size 820,440
set output png
set ylabel "rvpv / native"
set xtics rotate by -30
set yrange [0:*]
set key below
set boxwidth 0.25
set style fill solid 0.6
plot dat using ($1-0.27):3:(0.25):xtic(2) with boxes title "PV, -icount instructions (lower is better)", \
     dat using ($1):4:(0.25) with boxes title "unmodified, -icount instructions", \
     dat using ($1+0.27):5:(0.25) with boxes title "PV, host time: throughput or speed (higher is better)", \
     dat using ($1+0.27):5:6:7 with yerrorbars notitle lc rgb "black" pt 0, \
     1 with lines dt 2 lc rgb "gray" notitle
