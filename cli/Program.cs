Console.WriteLine("vaesweep");
