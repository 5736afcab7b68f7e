DROP TABLE class_list_students;
