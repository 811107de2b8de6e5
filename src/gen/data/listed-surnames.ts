/**
 * Surnames among the most frequent on sanctions lists, by the naming region of src/gen/names.ts. Counted from the
 * surname tokens of the individuals on the OFAC SDN list, 2019 edition (shared/data/watchlists/ofac-sdn-2019,
 * sdn.csv, SDN_Type "individual"); each appears on 7 to 43 listed people there. Ordinary customers share them.
 */
export const LISTED_SURNAMES: Readonly<Record<string, readonly string[]>> = {
  hispanic: [
    'Gonzalez', 'Lopez', 'Sanchez', 'Garcia', 'Rodriguez', 'Perez', 'Hernandez', 'Ramirez', 'Gomez', 'Torres', 'Mejia',
    'Valencia', 'Flores', 'Martinez', 'Alvarez', 'Gutierrez', 'Vargas', 'Diaz', 'Salazar', 'Moreno', 'Castillo',
    'Herrera', 'Rivera', 'Castro', 'Romero', 'Munoz', 'Ruiz', 'Rojas', 'Molina', 'Mendoza', 'Fernandez', 'Medina',
  ],
  arabic: ['Ahmad', 'Ali', 'Ibrahim', 'Muhammad', 'Saleh', 'Hassan', 'Nasser', 'Tikriti'],
  southasian: ['Khan', 'Ahmad', 'Ali', 'Muhammad'],
  eastasian: ['Kim', 'Pak', 'Chang', 'Choe'],
}

/** the same names as Spanish speakers write them, with their accents */
export const WITH_ACCENTS: Readonly<Record<string, string>> = {
  Gonzalez: 'González', Lopez: 'López', Sanchez: 'Sánchez', Garcia: 'García', Rodriguez: 'Rodríguez', Perez: 'Pérez',
  Hernandez: 'Hernández', Ramirez: 'Ramírez', Gomez: 'Gómez', Mejia: 'Mejía', Martinez: 'Martínez', Alvarez: 'Álvarez',
  Gutierrez: 'Gutiérrez', Diaz: 'Díaz', Munoz: 'Muñoz', Fernandez: 'Fernández',
}
