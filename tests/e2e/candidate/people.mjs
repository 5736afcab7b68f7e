// Made-up but valid candidates: resident ID numbers with a correct GB 11643 check character, unique phones.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

export function checkChar(first17) {
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0)
  return '10X98765432'[sum % 11]
}

const rand = (n) => Math.floor(Math.random() * n)
const pad = (v, n) => String(v).padStart(n, '0')

export function newCandidate(name) {
  const first17 = `110105${1985 + rand(15)}${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}${pad(rand(1000), 3)}`
  const idNumber = first17 + checkChar(first17)
  return {
    name,
    idNumber,
    idMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`,
    phone: `139${pad(rand(1e8), 8)}`,
    password: `weikao${pad(rand(1e4), 4)}`,
  }
}

export const phoneMasked = (phone) => `${phone.slice(0, 3)}****${phone.slice(7)}`
