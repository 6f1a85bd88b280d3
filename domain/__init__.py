"""Write side: the pilot group and learning cycle aggregates and the Application."""
