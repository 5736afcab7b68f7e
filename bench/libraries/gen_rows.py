#!/usr/bin/env python3
"""Writes N violations-library rows as CSV (valid GB 11643 ID numbers, Chinese headers) to stdout.

    gen_rows.py 1000000 > violations.csv
"""
import random
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
AREAS = ["410102", "410105", "410302", "410305", "410711", "411502"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
EXAMS = ["health_tech", "physician", "nurse"]
SANCTIONS = ["ban_2y", "ban_lifetime", "integrity_5y", "integrity_long_term"]


def id_number(i: int) -> str:
    # area + birth date + a sequence derived from i: unique for i < 6 * 9000 * 1000
    area = AREAS[i % len(AREAS)]
    day = (i // len(AREAS)) % 9000
    year = 1960 + day // 336
    month = (day % 336) // 28 + 1
    dom = day % 28 + 1
    seq = (i // (len(AREAS) * 9000)) % 1000
    first17 = f"{area}{year:04d}{month:02d}{dom:02d}{seq:03d}"
    s = sum(int(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + CHECK[s % 11]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rnd = random.Random(20261125)
    out = sys.stdout
    out.write("身份证号,姓名,考试类别,处理类型,处理依据,起始年度,截止年度\n")
    for i in range(n):
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
        start = rnd.randint(2015, 2027)
        end = "" if rnd.random() < 0.3 else str(start + rnd.choice([1, 4]))
        out.write(
            f"{id_number(i)},{name},{EXAMS[i % 3]},{rnd.choice(SANCTIONS)},第十二条,{start},{end}\n"
        )


if __name__ == "__main__":
    main()
