/**
 * Frequent given names and surnames by region, for the near-miss set (ordinary customers who share one name token
 * with a listed person). Written down from public frequency tables, top entries only, without diacritics:
 *  - the project's own generator stock (src/gen/names.ts, as of the set's making);
 *  - United States: Census Bureau 2010 surnames, Social Security Administration given names;
 *  - Spain: INE surnames and given names; Mexico and Colombia: surnames and given names as registries publish them;
 *  - Arabic-speaking countries, Iran, Turkey (TUIK), Pakistan, India, Bangladesh, Nigeria, Somalia;
 *  - Russia, Ukraine; Germany, France, Italy; China, Korea (Statistics Korea), Vietnam.
 * Several names sit in more than one region on purpose (Ali, Maria, Martin): that is how they occur.
 */
export interface RegionNames {
  region: string
  given: readonly string[]
  family: readonly string[]
}

export const COMMON_NAMES: readonly RegionNames[] = [
  {
    region: 'generator',
    given: ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Sarah', 'Thomas', 'Emma', 'Daniel', 'Olivia', 'Chris', 'Laura', 'Mark', 'Helen', 'Paul', 'Grace', 'Lukas', 'Anna', 'Jonas', 'Lena', 'Felix', 'Marie', 'Sophie', 'Max', 'Hannah', 'Tim', 'Julia', 'Louis', 'Camille', 'Hugo', 'Chloe', 'Jules', 'Manon', 'Lucas', 'Ines', 'Arthur', 'Lea', 'Marco', 'Giulia', 'Luca', 'Sofia', 'Matteo', 'Chiara', 'Andrea', 'Francesca', 'Ahmed', 'Fatima', 'Omar', 'Aisha', 'Karwan', 'Rojin', 'Hassan', 'Layla', 'Ali', 'Zainab', 'Yusuf', 'Nour', 'Rebin', 'Shadi', 'Mariam', 'Khalid', 'Jose', 'Maria', 'Juan', 'Guadalupe', 'Luis', 'Rosa', 'Carlos', 'Ana', 'Jorge', 'Carmen', 'Miguel', 'Lucia', 'Pedro', 'Elena', 'Mohammed', 'Ayesha', 'Imran', 'Nusrat', 'Rahul', 'Priya', 'Tariq', 'Shirin', 'Arif', 'Rupa', 'Mehmet', 'Ayse', 'Mustafa', 'Elif', 'Emre', 'Zeynep', 'Burak', 'Merve', 'Minh', 'Lan', 'Tuan', 'Hoa', 'Wei', 'Mei'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Miller', 'Clark', 'Walker', 'Wright', 'Thompson', 'White', 'Hughes', 'Green', 'Hall', 'Wood', 'Harris', 'Lewis', 'Martin', 'Cooper', 'King', 'Baker', 'Muller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Ahmadi', 'Hussein', 'Karim', 'Aziz', 'Rashid', 'Mahmoud', 'Saleh', 'Haddad', 'Barzani', 'Kurdi', 'Omar', 'Khalil', 'Jaf', 'Talabani', 'Abdullah', 'Nasser', 'Hamad', 'Mustafa', 'Garcia', 'Hernandez', 'Lopez', 'Martinez', 'Gonzalez', 'Perez', 'Sanchez', 'Ramirez', 'Flores', 'Cruz', 'Morales', 'Reyes', 'Ortiz', 'Castillo', 'Mendoza', 'Vasquez', 'Khan', 'Ahmed', 'Rahman', 'Hossain', 'Islam', 'Chowdhury', 'Patel', 'Sharma', 'Iqbal', 'Malik', 'Butt', 'Uddin', 'Yilmaz', 'Kaya', 'Demir', 'Sahin', 'Celik', 'Yildiz', 'Aydin', 'Ozturk', 'Nguyen', 'Tran', 'Le', 'Pham', 'Wang', 'Li', 'Santos'],
  },
  {
    region: 'us',
    given: ['James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Christopher', 'Daniel', 'Matthew', 'Anthony', 'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Nancy', 'Lisa'],
    family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson'],
  },
  {
    region: 'spain',
    given: ['Antonio', 'Manuel', 'Jose', 'Francisco', 'David', 'Juan', 'Javier', 'Daniel', 'Carlos', 'Jesus', 'Alejandro', 'Miguel', 'Rafael', 'Pedro', 'Pablo', 'Angel', 'Sergio', 'Fernando', 'Jorge', 'Luis', 'Maria', 'Carmen', 'Ana', 'Isabel', 'Laura', 'Cristina', 'Marta', 'Dolores', 'Lucia', 'Pilar', 'Josefa', 'Teresa', 'Rosa', 'Paula', 'Elena'],
    family: ['Garcia', 'Rodriguez', 'Gonzalez', 'Fernandez', 'Lopez', 'Martinez', 'Sanchez', 'Perez', 'Gomez', 'Martin', 'Jimenez', 'Ruiz', 'Hernandez', 'Diaz', 'Moreno', 'Alvarez', 'Romero', 'Alonso', 'Gutierrez', 'Navarro', 'Torres', 'Dominguez', 'Vazquez', 'Ramos', 'Gil', 'Ramirez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suarez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marin', 'Sanz', 'Iglesias', 'Nunez', 'Medina', 'Garrido'],
  },
  {
    region: 'latin-america',
    given: ['Luis', 'Carlos', 'Jorge', 'Juan', 'Jose', 'Andres', 'Ricardo', 'Fernando', 'Alejandro', 'Diego', 'Oscar', 'Hector', 'Jaime', 'Gustavo', 'Eduardo', 'Alberto', 'Pablo', 'Mario', 'Sergio', 'Raul', 'Maria', 'Luz', 'Claudia', 'Sandra', 'Martha', 'Diana', 'Ana', 'Gloria', 'Patricia', 'Adriana', 'Guadalupe', 'Veronica'],
    family: ['Rodriguez', 'Gomez', 'Gonzalez', 'Martinez', 'Garcia', 'Lopez', 'Hernandez', 'Sanchez', 'Ramirez', 'Perez', 'Diaz', 'Munoz', 'Rojas', 'Moreno', 'Jimenez', 'Torres', 'Castro', 'Vargas', 'Gutierrez', 'Ruiz', 'Ortiz', 'Alvarez', 'Restrepo', 'Castano', 'Mejia', 'Cardona', 'Ospina', 'Giraldo', 'Flores', 'Rivera', 'Reyes', 'Cruz', 'Mendoza', 'Aguilar', 'Silva', 'Herrera', 'Medina', 'Chavez', 'Guzman', 'Salazar'],
  },
  {
    region: 'arabic',
    given: ['Mohammed', 'Muhammad', 'Ahmed', 'Ali', 'Hassan', 'Hussein', 'Ibrahim', 'Abdullah', 'Omar', 'Khalid', 'Mahmoud', 'Mustafa', 'Youssef', 'Said', 'Karim', 'Tariq', 'Samir', 'Walid', 'Nasser', 'Adel', 'Salah', 'Hamza', 'Fatima', 'Aisha', 'Maryam', 'Zainab', 'Khadija', 'Nour', 'Layla', 'Huda', 'Amina', 'Sara'],
    family: ['Haddad', 'Khoury', 'Mansour', 'Nasser', 'Saleh', 'Hamdan', 'Abbas', 'Aziz', 'Yousef', 'Salem', 'Khalil', 'Ibrahim', 'Hassan', 'Ali', 'Mahmoud', 'Abdallah', 'Othman', 'Suleiman', 'Darwish', 'Habib', 'Shaker', 'Jaber', 'Hamdi', 'Rahman', 'Masri', 'Tamimi', 'Qasim', 'Najjar', 'Sabbagh', 'Zaidi'],
  },
  {
    region: 'iran',
    given: ['Mohammad', 'Ali', 'Hossein', 'Reza', 'Mehdi', 'Amir', 'Hassan', 'Mahmoud', 'Ahmad', 'Javad', 'Saeed', 'Majid', 'Hamid', 'Fatemeh', 'Zahra', 'Maryam', 'Masoumeh', 'Narges', 'Sara'],
    family: ['Mohammadi', 'Hosseini', 'Ahmadi', 'Rezaei', 'Moradi', 'Karimi', 'Jafari', 'Rahimi', 'Hashemi', 'Mousavi', 'Kazemi', 'Ghasemi', 'Sadeghi', 'Heidari', 'Rostami', 'Akbari', 'Sharifi', 'Ebrahimi', 'Azizi', 'Nazari'],
  },
  {
    region: 'turkey',
    given: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Huseyin', 'Hasan', 'Ibrahim', 'Ismail', 'Osman', 'Yusuf', 'Murat', 'Omer', 'Fatma', 'Ayse', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Meryem', 'Sultan'],
    family: ['Yilmaz', 'Kaya', 'Demir', 'Sahin', 'Celik', 'Yildiz', 'Yildirim', 'Ozturk', 'Aydin', 'Ozdemir', 'Arslan', 'Dogan', 'Kilic', 'Aslan', 'Cetin', 'Kara', 'Koc', 'Kurt', 'Ozkan', 'Simsek'],
  },
  {
    region: 'south-asia',
    given: ['Muhammad', 'Mohammad', 'Ahmed', 'Ali', 'Imran', 'Asif', 'Bilal', 'Usman', 'Abdul', 'Rahul', 'Amit', 'Rajesh', 'Suresh', 'Sanjay', 'Vijay', 'Priya', 'Sunita', 'Anita', 'Ayesha', 'Fatima', 'Nasreen', 'Rubina', 'Shahid', 'Tariq', 'Zahid'],
    family: ['Khan', 'Ahmed', 'Ali', 'Hussain', 'Shah', 'Malik', 'Iqbal', 'Butt', 'Sheikh', 'Qureshi', 'Siddiqui', 'Chaudhry', 'Raza', 'Kumar', 'Singh', 'Sharma', 'Patel', 'Gupta', 'Das', 'Begum', 'Akter', 'Hossain', 'Rahman', 'Islam', 'Mia'],
  },
  {
    region: 'africa',
    given: ['Mohamed', 'Abdi', 'Ahmed', 'Hassan', 'Ali', 'Omar', 'Yusuf', 'Ibrahim', 'Abdullahi', 'Aminu', 'Chinedu', 'Emeka', 'Oluwaseun', 'Musa', 'Fatima', 'Halima', 'Amina', 'Hawa', 'Ngozi', 'Blessing'],
    family: ['Abdi', 'Mohamed', 'Ahmed', 'Hassan', 'Ali', 'Omar', 'Yusuf', 'Ibrahim', 'Okafor', 'Adeyemi', 'Olawale', 'Bello', 'Musa', 'Abubakar', 'Aliyu', 'Usman', 'Okonkwo', 'Eze', 'Nwosu', 'Mwangi'],
  },
  {
    region: 'russia-ukraine',
    given: ['Alexander', 'Sergei', 'Dmitry', 'Andrei', 'Alexei', 'Vladimir', 'Ivan', 'Mikhail', 'Nikolai', 'Yuri', 'Oleg', 'Igor', 'Viktor', 'Pavel', 'Elena', 'Olga', 'Natalia', 'Tatiana', 'Irina', 'Svetlana', 'Anna', 'Maria', 'Oksana'],
    family: ['Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Vasiliev', 'Petrov', 'Sokolov', 'Mikhailov', 'Novikov', 'Fedorov', 'Morozov', 'Volkov', 'Alekseev', 'Lebedev', 'Semenov', 'Egorov', 'Pavlov', 'Kozlov', 'Ivanova', 'Smirnova', 'Kuznetsova', 'Popova', 'Petrova', 'Melnyk', 'Shevchenko', 'Bondarenko', 'Kovalenko', 'Tkachenko'],
  },
  {
    region: 'europe',
    given: ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Peter', 'Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Giuseppe', 'Giovanni', 'Antonio', 'Francesco', 'Mario', 'Ursula', 'Sabine', 'Monika', 'Nathalie', 'Isabelle', 'Giovanna', 'Rosa'],
    family: ['Muller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano'],
  },
  {
    region: 'east-asia',
    given: ['Wei', 'Fang', 'Min', 'Jing', 'Qiang', 'Lei', 'Jun', 'Yong', 'Yan', 'Jie', 'Tao', 'Ming', 'Chao', 'Hui', 'Xin', 'Min Jun', 'Seo Yeon', 'Ji Hoon', 'Ji Woo', 'Hyun Woo', 'Van Anh', 'Thi Lan', 'Duc', 'Hung', 'Linh', 'Thanh'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang'],
  },
]
