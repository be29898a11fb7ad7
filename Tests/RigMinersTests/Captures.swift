/// Miners' answers as captured from real machines, written down as data. Each names its source;
/// values are as captured (user names masked by the source, not here).
enum Captures {
    /// Antminer D3 (cgminer 4.x), `version`: foreman-apps (delawr0190/foreman-apps),
    /// foreman-antminer/src/test/java/mn/foreman/antminer/AntminerStatsITest.java.
    static let antminerD3Version = #"""
{"STATUS":[{"STATUS":"S","When":1526315502,"Code":22,"Msg":"CGMiner versions","Description":"cgminer 4.9.0"}],"VERSION":[{"CGMiner":"4.9.0","API":"3.1","Miner":"1.0.1.3","CompileTime":"Fri Aug 25 17:28:57 CST 2017","Type":"Antminer D3"}],"id":1}
"""#

    /// Antminer D3 "Blissz" firmware, `stats`, same source. Note the `}{` between the two STATS
    /// records, with no comma: stock Antminer firmware writes it so.
    static let antminerD3Stats = #"""
{"STATUS":[{"STATUS":"S","When":1533152610,"Code":70,"Msg":"CGMiner stats","Description":"cgminer 4.10.0"}],"STATS":[{"CGMiner":"4.10.0","Miner":"1.0.0.9","CompileTime":"Fri Jan 05 16:48:56 CST 2018","Type":"Antminer D3 Blissz v2.06 beta"}{"STATS":0,"ID":"D10","Elapsed":54422,"Calls":0,"Wait":0.000000,"Max":0.000000,"Min":99999999.000000,"GHS 5s":"16346.64","GHS av":16868.38,"miner_count":3,"frequency1":"450","frequency2":"450","frequency3":"450","frequency4":"450","fan_num":2,"fan1":6030,"fan2":5790,"temp_num":3,"temp1":46,"temp2":46,"temp3":48,"temp4":0,"temp2_1":69,"temp2_2":67,"temp2_3":62,"temp2_4":0,"temp_max":48,"Device Hardware%":0.0001,"no_matching_work":4,"chain_acn1":60,"chain_acn2":60,"chain_acn3":60,"chain_acn4":0,"chain_acs1":" oooooooo oooooooo oooooooo oooooooo oooooooo oooooooo oooooooo oooo","chain_acs2":" oooooooo oooooooo oooooooo oooooooo oooooooo oooooooo oooooooo oooo","chain_acs3":" oooooooo oooooooo oooooooo oooooooo oooooooo oooooooo oooooooo oooo","chain_acs4":"","chain_hw1":0,"chain_hw2":0,"chain_hw3":0,"chain_hw4":0,"chain_rate1":"5287.83","chain_rate2":"5631.41","chain_rate3":"5427.41","chain_rate4":""}],"id":1}
"""#

    /// Antminer D3, `pools`, same source (the three pools with empty URLs are cut to one).
    static let antminerD3Pools = #"""
{"STATUS":[{"STATUS":"S","When":1533152695,"Code":7,"Msg":"5 Pool(s)","Description":"cgminer 4.10.0"}],"POOLS":[{"POOL":0,"URL":"stratum+tcp://dash-eu.coinmine.pl:6099","Status":"Alive","Priority":0,"Quota":0,"Long Poll":"N","Getworks":1167,"Accepted":3038,"Rejected":8,"Discarded":28157,"Stale":5,"Get Failures":1,"Remote Failures":0,"User":"Dash.default","Last Share Time":"0:00:00","Diff":" 69.2461","Diff1 Shares":6475798,"Proxy Type":"","Proxy":"","Difficulty Accepted":198412.94104085,"Difficulty Rejected":604.97361199,"Difficulty Stale":0.00000000,"Last Share Difficulty":69.24612531,"Has Stratum":true,"Stratum Active":true,"Stratum URL":"dash-eu.coinmine.pl","Has GBT":false,"Best Share":"  0.0000","Pool Rejected%":0.3040,"Pool Stale%":0.0000},{"POOL":1,"URL":"","Status":"Dead","Priority":1,"Quota":0,"Long Poll":"N","Getworks":0,"Accepted":0,"Rejected":0,"Discarded":0,"Stale":0,"Get Failures":0,"Remote Failures":0,"User":"","Last Share Time":"0","Diff":"  0.0000","Diff1 Shares":0,"Proxy Type":"","Proxy":"","Difficulty Accepted":0.00000000,"Difficulty Rejected":0.00000000,"Difficulty Stale":0.00000000,"Last Share Difficulty":0.00000000,"Has Stratum":false,"Stratum Active":false,"Stratum URL":"","Has GBT":false,"Best Share":"  0.0000","Pool Rejected%":0.0000,"Pool Stale%":0.0000}],"id":1}
"""#

    /// Whatsminer M20S (btminer, "cgminer 4.9.2"), `summary`: foreman-apps,
    /// foreman-whatsminer/src/test/java/mn/foreman/whatsminer/WhatsminerStatsITest.java.
    static let whatsminerM20SSummary = #"""
{"STATUS":[{"STATUS":"S","When":1560974720,"Code":11,"Msg":"Summary","Description":"cgminer 4.9.2"}],"SUMMARY":[{"Elapsed":97139,"MHS av":65492089.33,"MHS 5s":65371302.78,"MHS 1m":65463822.08,"MHS 5m":65599323.93,"MHS 15m":65496891.24,"Found Blocks":0,"Getworks":3512,"Accepted":33825,"Rejected":185,"Hardware Errors":1601,"Utility":20.89,"Discarded":2580546,"Stale":27,"Get Failures":1,"Local Work":788804989,"Remote Failures":0,"Network Blocks":181,"Total MH":6361827211172.0000,"Work Utility":914916.96,"Difficulty Accepted":1473980432.00000000,"Difficulty Rejected":8081331.00000000,"Difficulty Stale":0.00000000,"Best Share":5452261792,"Temperature":75.00,"freq_max":656,"freq_min":616,"freq_avg":636,"Fan Speed In":4590,"Fan Speed Out":4560,"Voltage":1170,"Device Hardware%":0.0001,"Device Rejected%":0.5456,"Pool Rejected%":0.5453,"Pool Stale%":0.0000,"Last getwork":0,"Uptime":98801,"Chip Data":"K46K241-1918 BIN2-B","Power Current":258,"Power Fanspeed":8160,"Error Code Count":0,"Factory Error Code Count":0,"Security Mode":0,"Asicboost":true,"Asicboost Works":4,"Liquid Cooling":false}],"id":1}
"""#

    /// Whatsminer M20S, `pools`, same source.
    static let whatsminerM20SPools = #"""
{"STATUS":[{"STATUS":"S","When":1560974720,"Code":7,"Msg":"2 Pool(s)","Description":"cgminer 4.9.2"}],"POOLS":[{"POOL":0,"URL":"stratum+tcp://us-east.stratum.slushpool.com:3333","Status":"Alive","Priority":0,"Quota":1,"Long Poll":"N","Getworks":3512,"Accepted":33825,"Rejected":185,"Works":788544801,"Discarded":2580368,"Stale":27,"Get Failures":1,"Remote Failures":0,"User":"002m20s","Last Share Time":1560974720,"Diff1 Shares":1481234400,"Proxy Type":"","Proxy":"","Difficulty Accepted":1473980432.00000000,"Difficulty Rejected":8081331.00000000,"Difficulty Stale":0.00000000,"Last Share Difficulty":49174.00000000,"Work Difficulty":49174.00000000,"Has Stratum":true,"Stratum Active":true,"Stratum URL":"us-east.stratum.slushpool.com","Stratum Difficulty":49174.00000000,"Has GBT":false,"Best Share":5452261792,"Pool Rejected%":0.5453,"Pool Stale%":0.0000,"Bad Work":183,"Current Block Height":581482,"Current Block Version":536870912},{"POOL":1,"URL":"stratum+tcp://us-central01.miningrigrentals.com:50194","Status":"Alive","Priority":1,"Quota":1,"Long Poll":"N","Getworks":0,"Accepted":0,"Rejected":0,"Works":0,"Discarded":0,"Stale":0,"Get Failures":0,"Remote Failures":0,"User":"2","Last Share Time":0,"Diff1 Shares":0,"Proxy Type":"","Proxy":"","Difficulty Accepted":0.00000000,"Difficulty Rejected":0.00000000,"Difficulty Stale":0.00000000,"Last Share Difficulty":0.00000000,"Work Difficulty":0.00000000,"Has Stratum":true,"Stratum Active":false,"Stratum URL":"","Stratum Difficulty":0.00000000,"Has GBT":false,"Best Share":0,"Pool Rejected%":0.0000,"Pool Stale%":0.0000,"Bad Work":0,"Current Block Height":0,"Current Block Version":536870912}],"id":1}
"""#

    /// A Whatsminer's answer to `version`, which it does not know: a bare object, `STATUS` a
    /// string. From a public capture of raw Whatsminer answers (a miner-protocols document found
    /// through the code search; firmware 20200725.18.REL).
    static let whatsminerUnknownCommand = #"""
{"STATUS":"E","When":1771351973,"Code":14,"Msg":"invalid cmd","Description":"whatsminer v1.1"}
"""#

    /// Antminer S17 Pro (bmminer 1.0.0, firmware 19.10.1.3), `stats`: foreman-apps,
    /// foreman-antminer/src/test/resources/s17.json. That file keeps the capture flattened
    /// (`"STATS.1.chain_rate1": "17968.26"`); here the keys for boards 1-4, fans 1-5 and the
    /// rates are put back into cgminer's shape, values unchanged (strings, as captured).
    static let antminerS17ProStats = #"""
{"STATUS":[{"STATUS":"S","Code":70,"Msg":"CGMiner stats","Description":"cgminer 1.0.0"}],"STATS":[{"BMMiner":"1.0.0","Miner":"19.10.1.3","CompileTime":"Tue Aug 20 10:37:07 CST 2019","Type":"Antminer S17 Pro"},{"STATS":"0","ID":"BTM_SOC0","Elapsed":"253447","GHS 5s":"54997.01","GHS av":"54512.07","GHS 30m":"54297.86","fan_num":"4","fan1":"2400","fan2":"3000","fan3":"3120","fan4":"2400","fan5":"0","temp_num":"3","temp1":"50","temp2":"53","temp3":"45","temp4":"0","temp_pcb1":"22-53-21-50","temp_pcb2":"22-53-19-46","temp_pcb3":"15-45-12-37","temp_pcb4":"0-0-0-0","temp_chip1":"48-80-49-70","temp_chip2":"46-75-43-66","temp_chip3":"41-63-40-55","temp_chip4":"0-0-0-0","rate_unit":"GH","total_rate":"54997.0","chain_acn1":"48","chain_acn2":"48","chain_acn3":"48","chain_acn4":"0","chain_rate1":"17968.26","chain_rate2":"18418.00","chain_rate3":"18610.75","chain_rate4":""}],"id":1}
"""#

    /// Braiins OS (BOSminer) on an Antminer S9, `summary`, `fans` and `temps`: foreman-apps,
    /// foreman-antminer/src/test/resources/s9_bos.json, flattened there as above and put back
    /// into cgminer's shape here (a subset of SUMMARY's keys; all of FANS and TEMPS). The STATUS
    /// codes of `fans` and `temps` are not in the capture and are placeholders.
    static let braiinsS9Summary = #"""
{"STATUS":[{"STATUS":"S","Code":11,"Msg":"Summary","Description":"BOSminer"}],"SUMMARY":[{"Accepted":68,"Best Share":65536,"Device Hardware%":0.0,"Difficulty Accepted":359936.0,"Elapsed":92,"Hardware Errors":0,"MHS 15m":1368586.556684464,"MHS 1m":14194945.838709138,"MHS 24h":14256.109965463167,"MHS 5m":4105759.670053392,"MHS 5s":14274425.317759488,"MHS av":16698158.653278796,"Rejected":2,"Stale":0}],"id":1}
"""#

    static let braiinsS9Fans = #"""
{"STATUS":[{"STATUS":"S","Code":202,"Msg":"4 Fan(s)","Description":"BOSminer"}],"FANS":[{"FAN":0,"ID":0,"RPM":1560,"Speed":1},{"FAN":1,"ID":1,"RPM":1560,"Speed":1},{"FAN":2,"ID":2,"RPM":0,"Speed":1},{"FAN":3,"ID":3,"RPM":0,"Speed":1}],"id":1}
"""#

    static let braiinsS9Temps = #"""
{"STATUS":[{"STATUS":"S","Code":201,"Msg":"3 Temp(s)","Description":"BOSminer"}],"TEMPS":[{"TEMP":0,"ID":6,"Board":53.0,"Chip":0.0},{"TEMP":1,"ID":7,"Board":46.0,"Chip":0.0},{"TEMP":2,"ID":8,"Board":52.0,"Chip":0.0}],"id":1}
"""#

    /// xmrig 6.26.0 `GET /2/summary`, captured on this project's build machine from
    /// `xmrig --bench=1M --algo=rx/0 --randomx-mode=light -t 1 --http-access-token=…` after 25 s
    /// (the 60 s and 15 min windows still null; `diff_current` is 2^64-1 in a benchmark).
    static let xmrigSummary = #"""
{
    "id": "2e3dfb9adc51ee4e",
    "worker_id": "vm",
    "uptime": 25,
    "restricted": true,
    "resources": {
        "memory": {
            "free": 22610366464,
            "total": 25276182528,
            "resident_set_memory": 14897152
        },
        "load_average": [7.18, 10.27, 8.57],
        "hardware_concurrency": 2
    },
    "features": ["api", "asm", "http", "hwloc", "tls"],
    "results": {
        "diff_current": 18446744073709551615,
        "shares_good": 0,
        "shares_total": 0,
        "avg_time": 0,
        "avg_time_ms": 0,
        "hashes_total": 0,
        "best": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    },
    "algo": "rx/0",
    "connection": {
        "pool": "benchmark:3333",
        "ip": null,
        "uptime": 25,
        "uptime_ms": 25002,
        "ping": 0,
        "failures": 0,
        "tls": null,
        "tls-fingerprint": null,
        "algo": "rx/0",
        "diff": 18446744073709551615,
        "accepted": 0,
        "rejected": 0,
        "avg_time": 0,
        "avg_time_ms": 0,
        "hashes_total": 0
    },
    "version": "6.26.0",
    "kind": "miner",
    "ua": "XMRig/6.26.0 (Linux x86_64) libuv/1.44.2 gcc/12.2.0",
    "cpu": {
        "brand": "AMD EPYC",
        "family": 26,
        "model": 2,
        "stepping": 1,
        "proc_info": 11538209,
        "aes": true,
        "avx2": true,
        "x64": true,
        "64_bit": true,
        "l2": 2097152,
        "l3": 33554432,
        "cores": 2,
        "threads": 2,
        "packages": 1,
        "nodes": 1,
        "backend": "hwloc/2.9.0",
        "msr": "ryzen_1Ah_zen5",
        "assembly": "ryzen",
        "arch": "x86_64",
        "flags": ["aes", "vaes", "avx", "avx2", "avx512f", "bmi2", "osxsave", "pdpe1gb", "sse2", "ssse3", "sse4.1", "popcnt", "vm"]
    },
    "donate_level": 0,
    "paused": false,
    "algorithms": ["cn/0", "cn/1", "cn/2", "cn/r", "cn/fast", "cn/half", "cn/xao", "cn/rto", "cn/rwz", "cn/zls", "cn/double", "cn/ccx", "rx/0", "rx/2", "rx/wow", "rx/arq", "rx/graft", "rx/sfx", "rx/yada", "argon2/chukwa", "argon2/chukwav2", "argon2/ninja"],
    "hashrate": {
        "total": [15.74, null, null],
        "highest": 16.17
    },
    "hugepages": [129, 129]
}
"""#

    /// xmrig 6.26.0 `GET /2/backends`, same run.
    static let xmrigBackends = #"""
[
    {
        "type": "cpu",
        "enabled": true,
        "algo": "rx/0",
        "profile": "*",
        "hw-aes": true,
        "priority": 2,
        "msr": false,
        "asm": "ryzen",
        "argon2-impl": "AVX-512F",
        "hugepages": [129, 129],
        "memory": 2097152,
        "hashrate": [15.74, null, null],
        "threads": [
            {
                "intensity": 1,
                "affinity": -1,
                "av": 1,
                "hashrate": [15.74, null, null]
            }
        ]
    }
]
"""#

    /// cpuminer-opt `summary` and `threads`, in the format of cpuminer-opt's api.c
    /// (JayDDee/cpuminer-opt): its `sprintf` formats filled with plausible values, as no public
    /// capture of the raw bytes was found.
    static let cpuminerSummary = "NAME=cpuminer-opt;VER=23.15;API=1.0;ALGO=yespower;CPUS=4;URL=stratum+tcp://pool.example:6234;HS=5103.27;KHS=5.10;ACC=41;REJ=1;SOL=0;ACCMN=1.207;DIFF=0.004000;TEMP=61.0;FAN=0;FREQ=3600000;UPTIME=2038;TS=1733580000|"

    static let cpuminerThreads = "CPU=0;kH/s=1.28|CPU=1;kH/s=1.27|CPU=2;H/s=998.50|CPU=3;kH/s=1.55|"
}
